// `vireo pause|unpause vm|vmi NAME`, `vireo soft-reboot NAME`, `vireo reset NAME`: actions on the
// running guest (a VM's VMI has the VM's name). KubeVirt pauses VMIs only; `vm` is a convenience.
import type { Command } from 'commander';
import { R } from '../client/resources.ts';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { vmiSubresource } from './paths.ts';

const KINDS: Record<string, 'vm' | 'vmi'> = { vm: 'vm', vmi: 'vmi', virtualmachine: 'vm', virtualmachineinstance: 'vmi' };

function parseKind(kind: string): 'vm' | 'vmi' {
  const k = KINDS[kind.toLowerCase()];
  if (!k) throw new Error(`unknown resource type "${kind}": use vm or vmi`);
  return k;
}

async function act(kind: 'vm' | 'vmi', name: string, sub: string, opts: ConnectionOptions): Promise<void> {
  await withClient(opts, async ({ client, namespace }) => {
    // For `vm`, a wrong name reads `virtualmachines.kubevirt.io "NAME" not found`.
    if (kind === 'vm') await client.get(R.vms, namespace, name);
    await client.request('PUT', vmiSubresource(namespace, name, sub), { body: {} });
  });
}

export function registerVmiActions(program: Command): void {
  for (const [verb, sub] of [['pause', 'pause'], ['unpause', 'unpause']] as const) {
    withConnection(program.command(verb).description(`${verb} a running guest (vm NAME acts on its VMI)`).argument('<vm|vmi>').argument('<name>')).action(
      async (kind: string, name: string, opts: ConnectionOptions) => {
        await act(parseKind(kind), name, sub, opts);
        console.log(`VMI ${name} was scheduled to ${verb}`);
      },
    );
  }
  withConnection(program.command('soft-reboot').description('reboot the guest through its guest agent').argument('<name>')).action(
    async (name: string, opts: ConnectionOptions) => {
      await act('vmi', name, 'softreboot', opts);
      console.log(`VMI ${name} was scheduled to soft reboot`);
    },
  );
  withConnection(program.command('reset').description('hard-reset the guest, like pressing its reset button').argument('<name>')).action(
    async (name: string, opts: ConnectionOptions) => {
      await act('vmi', name, 'reset', opts);
      console.log(`VMI ${name} was scheduled to reset`);
    },
  );
}
