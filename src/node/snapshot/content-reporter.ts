// Writes this node's reports on a VirtualMachineSnapshotContent (annotations only; the snapshot
// controller owns its status). Writes are serialized and sent again when they race another write;
// a content deleted meanwhile has nobody left to tell; anything else fails the caller.
import { ApiStatusError, type KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import {
  QUIESCE_ANNOTATION,
  volumeReportKey,
  type QuiesceReport,
  type VolumeReport,
  type VolumeReportPhase,
} from '../../controllers/snapshot/protocol.ts';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ContentReporter {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  private send(annotations: Record<string, string>): Promise<void> {
    const run = this.chain.then(() => this.patch(annotations));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The API server answers a patch that raced another write with 409: it only needs sending again. */
  private async patch(annotations: Record<string, string>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.mergePatch(R.vmsnapshotcontents, this.namespace, this.name, { metadata: { annotations } });
        return;
      } catch (e) {
        if (e instanceof ApiStatusError && e.code === 404) return;
        if (!(e instanceof ApiStatusError && e.code === 409) || attempt >= 10) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  /** One write for all the volumes, so a crash never leaves some reported and some not. */
  volumes(volumeNames: string[], phase: VolumeReportPhase, extra: Omit<VolumeReport, 'phase' | 'time'> = {}): Promise<void> {
    const report: VolumeReport = { phase, time: now(), ...extra };
    return this.send(Object.fromEntries(volumeNames.map((v) => [volumeReportKey(v), JSON.stringify(report)])));
  }

  quiesce(q: QuiesceReport): Promise<void> {
    return this.send({ [QUIESCE_ANNOTATION]: JSON.stringify(q) });
  }
}
