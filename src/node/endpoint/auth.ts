// The endpoint's bearer token. It is generated at every start and published in the Node's
// `vireo.io/agent-token` annotation, so anyone who can read Nodes can use it: in Vireo today only
// admins can. The API server reaches the agent over plain HTTP; TLS between them (and a token
// that is not readable through the API) is future work.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export function hasToken(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
