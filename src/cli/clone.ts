// `vireo clone SOURCE TARGET`: creates a VirtualMachineClone (clone.kubevirt.io/v1beta1) of the VM
// SOURCE into the new VM TARGET and follows its phase until it Succeeded or Failed (the reason).
import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLONE_API_VERSION, type VirtualMachineClone } from '../api/clone/index.ts';
import { R } from '../client/resources.ts';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';

interface CloneOptions extends ConnectionOptions {
  wait: boolean;
  newMacAddress?: string[];
}

function macs(pairs: string[] = []): Record<string, string> | undefined {
  if (!pairs.length) return undefined;
  return Object.fromEntries(pairs.map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`--new-mac-address wants INTERFACE=MAC, not "${p}"`);
    return [p.slice(0, i), p.slice(i + 1)];
  }));
}

async function clone(source: string, target: string, opts: CloneOptions): Promise<void> {
  const newMacAddresses = macs(opts.newMacAddress);
  await withClient(opts, async ({ client, namespace }) => {
    const body: VirtualMachineClone = {
      apiVersion: CLONE_API_VERSION,
      kind: 'VirtualMachineClone',
      metadata: { generateName: `clone-to-${target}-`, namespace },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: source }, target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: target }, ...(newMacAddresses ? { newMacAddresses } : {}) },
    };
    const name = (await client.create<VirtualMachineClone>(R.vmclones, namespace, body)).metadata.name!;
    console.log(`virtualmachineclone.clone.kubevirt.io/${name} created`);
    let phase: string | undefined;
    while (opts.wait) {
      const c = await client.get<VirtualMachineClone>(R.vmclones, namespace, name);
      if (c.status?.phase && c.status.phase !== phase) console.log(`${name}: ${(phase = c.status.phase)}`);
      if (phase === 'Failed') throw new Error(`clone ${name} failed: ${c.status?.conditions?.find((x) => x.type === 'Ready')?.message ?? 'unknown reason'}`);
      if (phase === 'Succeeded') return;
      await sleep(500);
    }
  });
}

export function registerClone(program: Command): void {
  withConnection(program.command('clone').description('clone a VirtualMachine, its disks included, into a new VirtualMachine (a VirtualMachineClone)').argument('<source>').argument('<target>'))
    .option('--no-wait', 'only create the VirtualMachineClone')
    .option('--new-mac-address <interface=mac>', 'the MAC of an interface of the clone (repeatable; default: a new one)', (v: string, all: string[] = []) => [...all, v])
    .action((source: string, target: string, opts: CloneOptions) => clone(source, target, opts));
}
