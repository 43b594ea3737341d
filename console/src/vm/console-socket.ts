// Where the browser opens a VMI's serial console or VNC websocket, and with which subprotocols.
// Browsers cannot set an Authorization header on a websocket, so the token travels as Kubernetes'
// `base64url.bearer.authorization.k8s.io.<token>` pseudo-subprotocol, which the API server reads;
// the real subprotocol is offered beside it because Chromium fails a handshake whose answer names
// none of the offered ones.
import { paths } from '../api/resources.ts';

export type ConsoleKind = 'console' | 'vnc';

/** KubeVirt's serial console subprotocol; VNC goes as noVNC's `binary`. */
const REAL_PROTOCOL: Record<ConsoleKind, string> = { console: 'plain.kubevirt.io', vnc: 'binary' };

const BEARER_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** The token as a subprotocol: base64url of its UTF-8 bytes, unpadded (`=` is not a token char). */
export function bearerProtocol(token: string): string {
  const bytes = new TextEncoder().encode(token);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return BEARER_PREFIX + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The wss:// (or ws://) URL of a VMI's console or vnc subresource on the page's own server. */
export function consoleUrl(pageUrl: string, namespace: string, name: string, kind: ConsoleKind): string {
  const u = new URL(paths.vmiAction(encodeURIComponent(namespace), encodeURIComponent(name), kind), pageUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}

export function consoleProtocols(kind: ConsoleKind, token: string): string[] {
  return [REAL_PROTOCOL[kind], bearerProtocol(token)];
}

/**
 * What to tell the user when a console websocket closed: the server's reason when it gave one
 * (e.g. "another console connection took over"), else what the close code means. A browser never
 * sees a refused handshake's HTTP answer, only 1006.
 */
export function closeExplanation(code: number, reason: string): { key: 'console.closedReason' | 'console.closedAbnormally' | 'console.closed'; vars: Record<string, string | number> } {
  if (reason) return { key: 'console.closedReason', vars: { code, reason } };
  if (code === 1006) return { key: 'console.closedAbnormally', vars: { code } };
  return { key: 'console.closed', vars: { code } };
}
