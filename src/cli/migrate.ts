// `vireo migrate NAME [--node N] [--no-wait]` and `vireo migrate-cancel NAME`: virtctl's verbs for
// live migration. migrate asks the VM's migrate subresource for a VirtualMachineInstanceMigration
// and follows it to the end (exit 1 when it fails); migrate-cancel deletes the VMI's unfinished
// migrations, which is how KubeVirt cancels one (the guest stays on its source node).
import type { Command } from 'commander';
import type { VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { unfinishedMigrations } from '../api/kubevirt/migration-phase.ts';
import { R } from '../client/resources.ts';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { followMigration } from './follow-migration.ts';
import { failureReason } from './migration-progress.ts';
import { vmSubresource } from './paths.ts';

interface MigrateOptions extends ConnectionOptions {
  node?: string;
  wait: boolean;
}

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** The migrate subresource's body: `--node N` pins the target through the hostname label. */
export function migrateBody(node: string | undefined): { addedNodeSelector?: Record<string, string> } {
  return node ? { addedNodeSelector: { [HOSTNAME_LABEL]: node } } : {};
}

async function migrate(name: string, opts: MigrateOptions): Promise<void> {
  await withClient(opts, async ({ client, namespace }) => {
    // Asked first so a wrong name reads `virtualmachines.kubevirt.io "NAME" not found`.
    await client.get(R.vms, namespace, name);
    const created = await client.request<VirtualMachineInstanceMigration>('PUT', vmSubresource(namespace, name, 'migrate'), { body: migrateBody(opts.node) });
    const migration = created.metadata.name!;
    if (!opts.wait) {
      console.log(migration);
      return;
    }
    console.log(`VM ${name} was scheduled to migrate (migration ${migration}; Ctrl+C stops following, not the migration)`);
    const done = await followMigration(client, namespace, migration);
    if (done.status?.phase === 'Failed') throw new Error(`migration ${migration} of VM ${name} failed: ${failureReason(done)}`);
  });
}

async function cancel(name: string, opts: ConnectionOptions): Promise<void> {
  await withClient(opts, async ({ client, namespace }) => {
    const all = await client.list<VirtualMachineInstanceMigration>(R.vmims, namespace);
    // Ones already being deleted are being cancelled by someone else.
    const running = unfinishedMigrations(all.items, name).filter((m) => !m.metadata.deletionTimestamp);
    if (running.length === 0) {
      await client.get(R.vmis, namespace, name); // a missing VMI is the clearer error
      throw new Error(`found no unfinished migration of VMI ${name} in namespace ${namespace} to cancel`);
    }
    for (const m of running) {
      await client.delete(R.vmims, namespace, m.metadata.name!, { preconditions: { uid: m.metadata.uid } });
      console.log(`migration ${m.metadata.name} of VMI ${name} (${m.status?.phase ?? 'Pending'}) cancelled`);
    }
  });
}

export function registerMigrate(program: Command): void {
  withConnection(program.command('migrate').description('live-migrate a running VirtualMachine to another node and follow its progress').argument('<name>'))
    .option('--node <node>', 'move it to this node (adds kubernetes.io/hostname=NODE to the target node selector)')
    .option('--no-wait', 'print the migration\'s name and return at once')
    .action((name: string, opts: MigrateOptions) => migrate(name, opts));

  withConnection(program.command('migrate-cancel').description('cancel the unfinished migration of a VirtualMachineInstance (the guest stays where it runs)').argument('<name>'))
    .action((name: string, opts: ConnectionOptions) => cancel(name, opts));
}
