// Login with a kubeconfig: the token of the current context's user, and that user's name for the
// masthead. A client-certificate user is refused with a clear message: a page cannot present a
// private key from a file as its TLS client certificate.
import { parse } from 'yaml';
import type { MessageKey } from './i18n.ts';

export type KubeconfigLogin = { token: string; user: string } | { problem: MessageKey; vars?: Record<string, string> };

/** The entry called `name` of a kubeconfig list (`contexts`, `users`). */
const named = (list: unknown, name: string): Record<string, unknown> | undefined =>
  Array.isArray(list) ? (list as unknown[]).find((e): e is Record<string, unknown> => !!e && typeof e === 'object' && (e as { name?: unknown }).name === name) : undefined;

export function kubeconfigLogin(text: string): KubeconfigLogin {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { problem: 'kubeconfig.badYaml', vars: { message: (e as Error).message.split('\n')[0] ?? '' } };
  }
  if (!doc || typeof doc !== 'object') return { problem: 'kubeconfig.badYaml', vars: { message: 'not a mapping' } };
  const cfg = doc as Record<string, unknown>;
  const current = cfg['current-context'];
  const ctx = typeof current === 'string' ? (named(cfg.contexts, current)?.context as Record<string, unknown> | undefined) : undefined;
  const userName = ctx?.user;
  if (typeof userName !== 'string') return { problem: 'kubeconfig.noContext' };
  const user = named(cfg.users, userName)?.user as Record<string, unknown> | undefined;
  if (!user) return { problem: 'kubeconfig.noUser', vars: { name: userName } };
  if (typeof user.token === 'string' && user.token.trim()) return { token: user.token.trim(), user: userName };
  if (user['client-certificate'] || user['client-certificate-data'] || user['client-key'] || user['client-key-data']) return { problem: 'kubeconfig.clientCert', vars: { name: userName } };
  return { problem: 'kubeconfig.noToken', vars: { name: userName } };
}
