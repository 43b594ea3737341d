// `vireo ssh [user@]NAME [-- command…]`: the system ssh to the port the node agent forwards to the
// guest's port 22 (VMI annotation vireo.io/port-forwards, address in status.interfaces[0]).
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { R } from '../client/resources.ts';
import type { KubeObject } from '../machinery/object.ts';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';

const FORWARDS_ANNOTATION = 'vireo.io/port-forwards';

interface SshOptions extends ConnectionOptions {
  username?: string;
  identityFile?: string;
  localSshOpts: string[];
}

/** `user@vmi/NAME`, `vm/NAME`, `NAME`… → user and VMI name (a VM's VMI has its name). */
export function parseTarget(target: string): { user?: string; name: string } {
  const at = target.lastIndexOf('@');
  const user = at >= 0 ? target.slice(0, at) : undefined;
  const name = (at >= 0 ? target.slice(at + 1) : target).replace(/^(vmi|vm|virtualmachineinstance|virtualmachine)\//, '');
  if (!name || name.includes('/')) throw new Error(`"${target}" is not [user@]NAME (or [user@]vm/NAME, [user@]vmi/NAME)`);
  if (user === '') throw new Error(`"${target}" has an empty user name`);
  return { user, name };
}

/** Where the guest's SSH is reachable, or a clear error saying why it is not. */
export function sshAddress(vmi: KubeObject): { address: string; port: number } {
  const name = vmi.metadata.name ?? '';
  const raw = vmi.metadata.annotations?.[FORWARDS_ANNOTATION];
  let port: unknown;
  try {
    port = raw ? (JSON.parse(raw) as Record<string, unknown>)['22/TCP'] : undefined;
  } catch {
    throw new Error(`VMI ${name} has an unreadable ${FORWARDS_ANNOTATION} annotation: ${raw}`);
  }
  if (typeof port !== 'number') {
    throw new Error(`VMI ${name} has no forwarded SSH port (22/TCP in ${FORWARDS_ANNOTATION}); its pod network needs the masquerade binding with port 22 (or no ports list)`);
  }
  const address = (vmi.status as { interfaces?: { ipAddress?: string }[] } | undefined)?.interfaces?.[0]?.ipAddress;
  if (!address) throw new Error(`VMI ${name} reports no address (status.interfaces[0].ipAddress); is it running?`);
  return { address, port };
}

export function registerSsh(program: Command): void {
  withConnection(program.command('ssh').description('ssh to a guest through the port its node forwards').argument('<[user@]name>').argument('[command...]', 'command to run (after --)'))
    .option('-l, --username <user>', 'user to log in as (default: the user in the target, else ssh\'s default)')
    .option('-i, --identity-file <file>', 'private key for ssh -i')
    .option('-t, --local-ssh-opts <opt>', 'an extra option for the local ssh (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .action(async (target: string, command: string[], opts: SshOptions) => {
      const parsed = parseTarget(target);
      const user = opts.username ?? parsed.user;
      const { address, port } = await withClient(opts, async ({ client, namespace }) => sshAddress(await client.get(R.vmis, namespace, parsed.name)));
      const args = ['-p', String(port), ...(opts.identityFile ? ['-i', opts.identityFile] : []), ...opts.localSshOpts, user ? `${user}@${address}` : address, ...command];
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn('ssh', args, { stdio: 'inherit' });
        child.once('error', (e) => reject(new Error(`cannot run ssh: ${e.message}`)));
        child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
      });
      // ssh already said what went wrong (or the remote command's status is the answer).
      process.exitCode = code;
    });
}
