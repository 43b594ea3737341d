// What every VM command shares: --kubeconfig / -n, the client they give, and errors turned into
// one clear line (the server's Status message, or why the server could not be reached).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiStatusError, KubeClient } from '../client/client.ts';
import { defaultKubeconfigPath, loadKubeconfig, type Credentials } from '../client/kubeconfig.ts';

export interface ConnectionOptions {
  kubeconfig?: string;
  namespace?: string;
}

export interface Connection {
  client: KubeClient;
  creds: Credentials;
  namespace: string;
}

export function withConnection(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)')
    .option('-n, --namespace <ns>', "namespace (default: the kubeconfig context's, else default)");
}

export function connect(opts: ConnectionOptions): Connection {
  const path = opts.kubeconfig ?? defaultKubeconfigPath();
  if (!existsSync(path)) throw new Error(`kubeconfig ${path} does not exist; pass --kubeconfig or set KUBECONFIG`);
  const creds = loadKubeconfig(path);
  return { client: new KubeClient(creds), creds, namespace: opts.namespace ?? creds.namespace ?? 'default' };
}

/** One line for any failure: the API's Status message, a network failure with the server named. */
export function oneLine(e: unknown, server?: string): string {
  let msg: string;
  if (e instanceof ApiStatusError) msg = e.message;
  else if (server && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall) {
    msg = `cannot reach the API server at ${server}: ${(e as Error).message}`;
  } else msg = (e as Error)?.message ?? String(e);
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Runs a command's body with a connection and closes it after; whatever fails is rethrown as one
 * line for main's handler (stderr, exit 1).
 */
export async function withClient<T>(opts: ConnectionOptions, fn: (c: Connection) => Promise<T>): Promise<T> {
  let conn: Connection | undefined;
  try {
    conn = connect(opts);
    return await fn(conn);
  } catch (e) {
    throw new Error(oneLine(e, conn?.creds.server), { cause: e });
  } finally {
    conn?.client.close();
  }
}
