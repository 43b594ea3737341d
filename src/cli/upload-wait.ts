// image-upload's two waits, worded as virtctl words them: until the target can receive
// ("Waiting for PVC NAME upload pod to be ready..." / "Pod now ready"), and after the transfer
// until the image is converted ("Processing completed successfully") — or why it failed.
import type { PersistentVolumeClaim } from '../api/core/pvc.ts';
import type { DataVolume } from '../api/cdi/datavolume.ts';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { POPULATE_MESSAGE_ANNOTATION, POPULATE_PHASE_ANNOTATION } from '../controllers/storage/protocol.ts';
import type { UploadKind } from './upload-resource.ts';

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Reading = { done: true } | { done: false; phase: string } | { failed: string };

const runningMessage = (dv: DataVolume) => dv.status?.conditions?.find((c) => c.type === 'Running')?.message ?? '';

async function readiness(client: KubeClient, ns: string, kind: UploadKind, name: string, forceBind: boolean): Promise<Reading> {
  if (kind === 'pvc') {
    const pvc = await client.tryGet<PersistentVolumeClaim>(R.pvcs, ns, name);
    const phase = pvc?.metadata.annotations?.[POPULATE_PHASE_ANNOTATION];
    if (phase === 'Failed') return { failed: `PersistentVolumeClaim ${ns}/${name} failed: ${pvc?.metadata.annotations?.[POPULATE_MESSAGE_ANNOTATION] ?? ''}` };
    return phase === 'Ready' ? { done: true } : { done: false, phase: phase ?? pvc?.status?.phase ?? 'not created yet' };
  }
  const dv = await client.tryGet<DataVolume>(R.datavolumes, ns, name);
  const phase = dv?.status?.phase;
  if ((phase === 'WaitForFirstConsumer' || phase === 'PendingPopulation') && !forceBind) {
    return { failed: `cannot upload to DataVolume in ${phase} phase, make sure the PVC is Bound, or use force-bind flag` };
  }
  if (phase === 'Failed') return { failed: `DataVolume ${ns}/${name} failed: ${dv ? runningMessage(dv) : ''}` };
  if (phase === 'Succeeded') return { failed: `PVC ${name} already successfully imported/cloned/updated` };
  return phase === 'UploadReady' ? { done: true } : { done: false, phase: phase ?? 'not found' };
}

export async function waitUploadReady(client: KubeClient, ns: string, kind: UploadKind, name: string, o: { waitSecs: number; forceBind: boolean }): Promise<void> {
  const deadline = Date.now() + o.waitSecs * 1000;
  let logged = false;
  for (;;) {
    const r = await readiness(client, ns, kind, name, o.forceBind);
    if ('failed' in r) throw new Error(r.failed);
    if (r.done) {
      if (logged) console.log('Pod now ready');
      return;
    }
    if (!logged) console.log(`Waiting for PVC ${name} upload pod to be ready...`);
    logged = true;
    if (Date.now() > deadline) throw new Error(`timed out after ${o.waitSecs}s waiting for ${kind === 'dv' ? 'DataVolume' : 'PVC'} ${ns}/${name} to be ready for the upload (now: ${r.phase})`);
    await sleep(POLL_MS);
  }
}

async function processed(client: KubeClient, ns: string, kind: UploadKind, name: string): Promise<Reading> {
  if (kind === 'pvc') {
    const a = (await client.get<PersistentVolumeClaim>(R.pvcs, ns, name)).metadata.annotations ?? {};
    const phase = a[POPULATE_PHASE_ANNOTATION];
    if (phase === 'Failed') return { failed: a[POPULATE_MESSAGE_ANNOTATION] ?? 'processing failed' };
    return phase === 'Succeeded' ? { done: true } : { done: false, phase: phase ?? '' };
  }
  const dv = await client.get<DataVolume>(R.datavolumes, ns, name);
  if (dv.status?.phase === 'Failed') return { failed: runningMessage(dv) || 'processing failed' };
  return dv.status?.phase === 'Succeeded' ? { done: true } : { done: false, phase: dv.status?.phase ?? '' };
}

/** Until the node has converted the image; no time limit (virtctl waits a day). */
export async function waitProcessed(client: KubeClient, ns: string, kind: UploadKind, name: string): Promise<void> {
  for (;;) {
    const r = await processed(client, ns, kind, name);
    if ('failed' in r) throw new Error(`processing failed: ${r.failed}`);
    if (r.done) {
      console.log('Processing completed successfully');
      return;
    }
    await sleep(POLL_MS);
  }
}
