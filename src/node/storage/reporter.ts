// Reports a population's state on its claim's annotations (the DataVolume controller mirrors
// them): writes are serialized, and progress is sent at most once a second.
import type { KubeClient } from '../../client/client.ts';
import { ApiStatusError } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import {
  POPULATE_MESSAGE_ANNOTATION,
  POPULATE_PHASE_ANNOTATION,
  POPULATE_PROGRESS_ANNOTATION,
  POPULATE_RESTARTS_ANNOTATION,
  formatProgress,
  type PopulatePhase,
} from '../../controllers/storage/protocol.ts';

export class ClaimReporter {
  private chain: Promise<void> = Promise.resolve();
  private lastSent = 0;
  private lastText = '';

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  private send(annotations: Record<string, string | null>): Promise<void> {
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
      [POPULATE_PHASE_ANNOTATION]: 'Running' satisfies PopulatePhase,
      [POPULATE_PROGRESS_ANNOTATION]: formatProgress(0),
      [POPULATE_RESTARTS_ANNOTATION]: String(restarts),
      [POPULATE_MESSAGE_ANNOTATION]: null,
    });
  }

  /** Never reports 100% while running: only success does. */
  progress(fraction: number): void {
    const text = formatProgress(Math.min(fraction, 0.9999));
    if (text === this.lastText || Date.now() - this.lastSent < 1000) return;
    this.lastSent = Date.now();
    this.lastText = text;
    void this.send({ [POPULATE_PROGRESS_ANNOTATION]: text });
  }

  succeeded(): Promise<void> {
    return this.send({ [POPULATE_PHASE_ANNOTATION]: 'Succeeded' satisfies PopulatePhase, [POPULATE_PROGRESS_ANNOTATION]: formatProgress(1), [POPULATE_MESSAGE_ANNOTATION]: null });
  }

  failed(message: string): Promise<void> {
    return this.send({ [POPULATE_PHASE_ANNOTATION]: 'Failed' satisfies PopulatePhase, [POPULATE_MESSAGE_ANNOTATION]: message });
  }
}
