// `vireo guestosinfo NAME`: what the guest agent reports (KubeVirt's guestosinfo), as JSON.
import type { Command } from 'commander';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { vmiSubresource } from './paths.ts';

export function registerGuestOsInfo(program: Command): void {
  withConnection(program.command('guestosinfo').description("print the guest agent's OS information as JSON").argument('<name>')).action(
    (name: string, opts: ConnectionOptions) =>
      withClient(opts, async ({ client, namespace }) => {
        const info = await client.request<unknown>('GET', vmiSubresource(namespace, name, 'guestosinfo'));
        console.log(JSON.stringify(info, null, 2));
      }),
  );
}
