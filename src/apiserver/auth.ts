// Bearer-token authentication and the admin credential written to the data dir.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';

export interface User {
  name: string;
  groups: string[];
}

export class TokenAuthenticator {
  private tokens = new Map<string, User>();

  add(token: string, user: User): void {
    this.tokens.set(token, user);
  }

  /** The user for an `Authorization` header, or undefined when it carries no valid token. */
  authenticate(header: string | undefined): User | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) return undefined;
    const given = Buffer.from(m[1]);
    for (const [token, user] of this.tokens) {
      const t = Buffer.from(token);
      if (t.length === given.length && timingSafeEqual(t, given)) return user;
    }
    return undefined;
  }
}

/** Loads `<dataDir>/admin.token`, creating it on first start. */
export function ensureAdminToken(dataDir: string): string {
  const path = join(dataDir, 'admin.token');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = randomBytes(32).toString('hex');
  writeFileSync(`${path}.tmp`, `${token}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return token;
}

export function kubeconfigYaml(opts: { server: string; caPem: string; token: string; user?: string; context?: string }): string {
  const cluster = 'vireo';
  const user = opts.user ?? 'vireo-admin';
  const context = opts.context ?? 'vireo';
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: opts.server, 'certificate-authority-data': Buffer.from(opts.caPem).toString('base64') } }],
    users: [{ name: user, user: { token: opts.token } }],
    contexts: [{ name: context, context: { cluster, user, namespace: 'default' } }],
    'current-context': context,
    preferences: {},
  });
}
