// `vireo console-log NAME [--tail N]`: the guest's kept serial output (Vireo's consolelog
// subresource), printed as the guest wrote it.
import type { Command } from 'commander';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { getRaw } from './raw-get.ts';
import { vmiSubresource } from './paths.ts';

export function registerConsoleLog(program: Command): void {
  withConnection(program.command('console-log').description("print a guest's kept serial console log").argument('<name>'))
    .option('--tail <lines>', 'only the last N lines')
    .action((name: string, opts: ConnectionOptions & { tail?: string }) => {
      if (opts.tail !== undefined && !/^\d+$/.test(opts.tail)) throw new Error(`--tail must be a whole number of lines, not "${opts.tail}"`);
      return withClient(opts, async (conn) => {
        const log = await getRaw(conn, vmiSubresource(conn.namespace, name, 'consolelog'), opts.tail === undefined ? {} : { tailLines: opts.tail });
        process.stdout.write(log);
      });
    });
}
