// Reads the parts of a kubeconfig Vireo's own clients need: server, CA and bearer token.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface Credentials {
  server: string;
  caPem?: string;
  token?: string;
  insecure?: boolean;
  namespace?: string;
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string; 'insecure-skip-tls-verify'?: boolean } }[];
  users?: { name: string; user: { token?: string } }[];
}

export function loadKubeconfig(path: string, contextName?: string): Credentials {
  const cfg = parseYaml(readFileSync(path, 'utf8')) as KubeconfigFile;
  const ctxName = contextName ?? cfg['current-context'];
  const ctx = cfg.contexts?.find((c) => c.name === ctxName)?.context;
  if (!ctx) throw new Error(`kubeconfig ${path}: context "${ctxName ?? ''}" not found`);
  const cluster = cfg.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new Error(`kubeconfig ${path}: cluster "${ctx.cluster}" not found`);
  const user = cfg.users?.find((u) => u.name === ctx.user)?.user;
  let caPem: string | undefined;
  if (cluster['certificate-authority-data']) caPem = Buffer.from(cluster['certificate-authority-data'], 'base64').toString();
  else if (cluster['certificate-authority']) caPem = readFileSync(cluster['certificate-authority'], 'utf8');
  return { server: cluster.server, caPem, token: user?.token, insecure: cluster['insecure-skip-tls-verify'], namespace: ctx.namespace };
}

/** KUBECONFIG (first entry) or ~/.kube/config, as kubectl picks it. */
export function defaultKubeconfigPath(): string {
  const env = process.env.KUBECONFIG?.split(':').find((p) => p !== '');
  return env ?? `${process.env.HOME ?? ''}/.kube/config`;
}
