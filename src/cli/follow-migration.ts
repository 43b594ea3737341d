// Follows one VirtualMachineInstanceMigration until it ends, printing what changed. Polls: a
// migration's progress is written often, and a snapshot per interval is what a person can read.
import type { VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { migrationFinished } from '../api/kubevirt/migration-phase.ts';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { ProgressPrinter } from './migration-progress.ts';

export interface FollowOptions {
  pollMs?: number;
  print?: (line: string) => void;
}

/** Resolves with the finished migration; throws when it disappears before finishing (cancelled). */
export async function followMigration(client: KubeClient, namespace: string, name: string, opts: FollowOptions = {}): Promise<VirtualMachineInstanceMigration> {
  const print = opts.print ?? ((l: string) => console.log(l));
  const printer = new ProgressPrinter();
  for (;;) {
    const m = await client.tryGet<VirtualMachineInstanceMigration>(R.vmims, namespace, name);
    if (!m) throw new Error(`migration ${name} was deleted before it finished (cancelled); the VM stays where it was`);
    for (const line of printer.update(m)) print(line);
    if (migrationFinished(m)) return m;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}
