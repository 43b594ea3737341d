// `vireo start|stop|restart NAME`: KubeVirt's VirtualMachine actions, worded as virtctl words them.
import type { Command } from 'commander';
import { R } from '../client/resources.ts';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { vmSubresource } from './paths.ts';

interface ForceOptions extends ConnectionOptions {
  force?: boolean;
  gracePeriod?: string;
}

/** virtctl's rule: a grace period only with --force, and --force only with a grace period. */
export function gracePeriod(opts: ForceOptions): number | undefined {
  if (opts.gracePeriod === undefined) {
    if (opts.force) throw new Error('--force needs --grace-period (seconds; 0 stops at once)');
    return undefined;
  }
  if (!opts.force) throw new Error('--grace-period needs --force');
  if (!/^\d+$/.test(opts.gracePeriod)) throw new Error(`--grace-period must be a whole number of seconds, not "${opts.gracePeriod}"`);
  return Number(opts.gracePeriod);
}

async function act(name: string, action: 'start' | 'stop' | 'restart', body: Record<string, unknown>, opts: ConnectionOptions): Promise<void> {
  await withClient(opts, async ({ client, namespace }) => {
    // Asked first so a wrong name reads `virtualmachines.kubevirt.io "NAME" not found`.
    await client.get(R.vms, namespace, name);
    await client.request('PUT', vmSubresource(namespace, name, action), { body });
  });
  console.log(`VM ${name} was scheduled to ${action}`);
}

export function registerVmPower(program: Command): void {
  withConnection(program.command('start').description('start a VirtualMachine').argument('<name>'))
    .option('--paused', 'start the guest paused')
    .action((name: string, opts: ConnectionOptions & { paused?: boolean }) => act(name, 'start', opts.paused ? { paused: true } : {}, opts));

  withConnection(program.command('stop').description('stop a VirtualMachine (ACPI power-down, then kill after the grace period)').argument('<name>'))
    .option('--force', 'stop with the given --grace-period instead of the VM\'s own')
    .option('--grace-period <seconds>', 'with --force: seconds before the guest is killed')
    .action(async (name: string, opts: ForceOptions) => {
      const g = gracePeriod(opts);
      await act(name, 'stop', g === undefined ? {} : { gracePeriod: g }, opts);
    });

  withConnection(program.command('restart').description('restart a VirtualMachine (a new VMI)').argument('<name>'))
    .option('--force', 'restart with the given --grace-period instead of the VM\'s own')
    .option('--grace-period <seconds>', 'with --force: seconds before the old guest is killed')
    .action(async (name: string, opts: ForceOptions) => {
      const g = gracePeriod(opts);
      await act(name, 'restart', g === undefined ? {} : { gracePeriodSeconds: g }, opts);
    });
}
