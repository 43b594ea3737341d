// Clones across namespaces, as CDI does them: a DataVolume in namespace clone-b whose source is a
// claim in clone-a — named directly (`source.pvc: {namespace, name}`) or through a DataSource in
// clone-a (`sourceRef`) — reaches Succeeded with a disk equal to the source's, byte for byte.
// (Vireo has one user, the admin, and no per-user authorization: see the note in
// src/controllers/storage/datavolume-controller.ts on CDI's clone permission check.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const SRC = 'clone-a';
const DST = 'clone-b';
const MiB = 1024 * 1024;

let tcp: TestControlPlane;

function dv(ns: string, name: string, source: Partial<Pick<NonNullable<DataVolume['spec']>, 'source' | 'sourceRef'>>, size = '64Mi'): DataVolume {
  return { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name, namespace: ns }, spec: { ...source, storage: { resources: { requests: { storage: size } } } } } as DataVolume;
}

async function finished(ns: string, name: string): Promise<DataVolume> {
  return waitFor(`DataVolume ${ns}/${name} to finish`, 120_000, async () => {
    const d = await tcp.client.tryGet<DataVolume>(R.datavolumes, ns, name);
    return d?.status?.phase === 'Succeeded' || d?.status?.phase === 'Failed' ? d : undefined;
  }, 200);
}

async function diskOf(ns: string, claim: string): Promise<string> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, ns, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return join(pv.spec?.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

const running = (d: DataVolume) => d.status?.conditions?.find((c) => c.type === 'Running')?.message ?? '';

before(async () => {
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  for (const ns of [SRC, DST]) await tcp.client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});

after(async () => {
  await tcp?.stop();
});

describe('clones across namespaces', { timeout: 300_000 }, () => {
  it('clones a claim of namespace clone-a into clone-b, by source.pvc and through a DataSource, with equal content', async () => {
    // The golden disk: blank, then given content no fresh disk has, at its start and further in.
    await tcp.client.create(R.datavolumes, SRC, dv(SRC, 'golden', { source: { blank: {} } }));
    const golden = await finished(SRC, 'golden');
    assert.equal(golden.status?.phase, 'Succeeded', running(golden));
    const source = await diskOf(SRC, 'golden');
    const fd = openSync(source, 'r+');
    try {
      writeSync(fd, randomBytes(MiB), 0, MiB, 0);
      writeSync(fd, randomBytes(MiB), 0, MiB, 40 * MiB);
    } finally {
      closeSync(fd);
    }
    await tcp.client.create(R.datasources, SRC, { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataSource', metadata: { name: 'golden-ds', namespace: SRC }, spec: { source: { pvc: { namespace: SRC, name: 'golden' } } } });

    await tcp.client.create(R.datavolumes, DST, dv(DST, 'by-pvc', { source: { pvc: { namespace: SRC, name: 'golden' } } }));
    await tcp.client.create(R.datavolumes, DST, dv(DST, 'by-ref', { sourceRef: { kind: 'DataSource', namespace: SRC, name: 'golden-ds' } }));
    for (const name of ['by-pvc', 'by-ref']) {
      const d = await finished(DST, name);
      assert.equal(d.status?.phase, 'Succeeded', `${name}: ${running(d)}`);
      const clone = await diskOf(DST, name);
      assert.notEqual(clone, source);
      execFileSync('cmp', [clone, source]);
    }
  });
});
