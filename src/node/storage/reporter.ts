// Reports a population's state on its claim's annotations (the DataVolume controller mirrors
// them): writes are serialized, and progress is sent at most once a second. For an upload target
// the phase is also mirrored in CDI's upload pod annotations, which virtctl polls.
import type { KubeClient } from '../../client/client.ts';
import { ApiStatusError } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import {
  CDI_POD_PHASE_ANNOTATION,
  CDI_POD_READY_ANNOTATION,
  POPULATE_MESSAGE_ANNOTATION,
  POPULATE_PHASE_ANNOTATION,
  POPULATE_PROGRESS_ANNOTATION,
  POPULATE_RESTARTS_ANNOTATION,
  PREALLOCATION_APPLIED_ANNOTATION,
  formatProgress,
  type PopulatePhase,
} from '../../controllers/storage/protocol.ts';

export class ClaimReporter {
  private chain: Promise<void> = Promise.resolve();
  private lastSent = 0;
  private lastText = '';
  private latest = '';
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly name: string,
    private readonly upload = false,
  ) {}

  /** The phase, with CDI's upload pod phase and readiness beside it for an upload target. */
  private phase(p: PopulatePhase): Record<string, string> {
    if (!this.upload) return { [POPULATE_PHASE_ANNOTATION]: p };
    const pod = p === 'Ready' || p === 'Running' ? 'Running' : p;
    return { [POPULATE_PHASE_ANNOTATION]: p, [CDI_POD_PHASE_ANNOTATION]: pod, [CDI_POD_READY_ANNOTATION]: String(pod === 'Running') };
  }

  private send(annotations: Record<string, string | null>): Promise<void> {
    if (POPULATE_PHASE_ANNOTATION in annotations) {
      this.cancelProgress();
      this.lastText = annotations[POPULATE_PROGRESS_ANNOTATION] ?? '';
    }
    this.chain = this.chain.then(() =>
      this.client.mergePatch(R.pvcs, this.namespace, this.name, { metadata: { annotations } }).then(
        () => undefined,
        (e: unknown) => {
          // A claim deleted mid-way has nobody left to tell; anything else is worth a log line.
          if (!(e instanceof ApiStatusError && e.code === 404)) console.error(`node storage: cannot report on ${this.namespace}/${this.name}: ${(e as Error).message}`);
        },
      ),
    );
    return this.chain;
  }

  start(restarts: number): Promise<void> {
    return this.send({
      ...this.phase('Running'),
      [POPULATE_PROGRESS_ANNOTATION]: formatProgress(0),
      [POPULATE_RESTARTS_ANNOTATION]: String(restarts),
      [POPULATE_MESSAGE_ANNOTATION]: null,
    });
  }

  /** An upload target waiting for data; `message` says why the last attempt did not finish. */
  ready(message: string | null, restarts?: number): Promise<void> {
    return this.send({
      ...this.phase('Ready'),
      [POPULATE_PROGRESS_ANNOTATION]: null,
      [POPULATE_MESSAGE_ANNOTATION]: message,
      ...(restarts !== undefined ? { [POPULATE_RESTARTS_ANNOTATION]: String(restarts) } : {}),
    });
  }

  /** An upload's data started to arrive. */
  transferring(): Promise<void> {
    return this.send({ ...this.phase('Running'), [POPULATE_PROGRESS_ANNOTATION]: formatProgress(0), [POPULATE_MESSAGE_ANNOTATION]: null });
  }

  /**
   * Never reports 100% while running: only success does. At most one write a second; the last
   * value of a burst is written when its second is over, so a transfer that pauses shows where it is.
   */
  progress(fraction: number): void {
    const text = formatProgress(Math.min(fraction, 0.9999));
    if (text === this.lastText) return;
    this.latest = text;
    if (this.pending) return;
    const wait = this.lastSent + 1000 - Date.now();
    if (wait <= 0) return this.flushProgress();
    this.pending = setTimeout(() => this.flushProgress(), wait);
    this.pending.unref();
  }

  private flushProgress(): void {
    this.pending = undefined;
    if (this.latest === this.lastText) return;
    this.lastSent = Date.now();
    this.lastText = this.latest;
    void this.send({ [POPULATE_PROGRESS_ANNOTATION]: this.latest });
  }

  /** A phase change makes a progress value not yet written stale. */
  private cancelProgress(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    this.latest = '';
  }

  /** `preallocated`: disk.img is fully allocated, said with CDI's annotation as CDI's importer does. */
  succeeded(preallocated = false): Promise<void> {
    return this.send({
      ...this.phase('Succeeded'),
      [POPULATE_PROGRESS_ANNOTATION]: formatProgress(1),
      [POPULATE_MESSAGE_ANNOTATION]: null,
      ...(preallocated ? { [PREALLOCATION_APPLIED_ANNOTATION]: 'true' } : {}),
    });
  }

  failed(message: string): Promise<void> {
    return this.send({ ...this.phase('Failed'), [POPULATE_MESSAGE_ANNOTATION]: message });
  }
}
