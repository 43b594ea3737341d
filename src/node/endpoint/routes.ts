// The node agent endpoint's wire contract, shared by the agent (which serves it) and the API server
// (which proxies KubeVirt's VMI subresources to it): the Node annotations that publish it and the
// request paths. Pure strings, so the API server can import it without touching the node's code.

/** Node annotation: the agent endpoint's base URL, `http://ADDR:PORT`. */
export const ENDPOINT_ANNOTATION = 'vireo.io/agent-endpoint';
/** Node annotation: the bearer token the endpoint requires. */
export const TOKEN_ANNOTATION = 'vireo.io/agent-token';

export const ACTIONS = ['pause', 'unpause', 'softreboot', 'reset'] as const;
export const STREAMS = ['console', 'vnc'] as const;
export const READS = ['consolelog', 'guestosinfo', 'metrics'] as const;

export type Action = (typeof ACTIONS)[number];
export type StreamKind = (typeof STREAMS)[number];
export type ReadKind = (typeof READS)[number];
export type Sub = Action | StreamKind | ReadKind;

/** The websocket subprotocol of KubeVirt's serial console. */
export const CONSOLE_PROTOCOL = 'plain.kubevirt.io';

export interface AgentRoute {
  namespace: string;
  name: string;
  sub: Sub;
}

const ALL: readonly string[] = [...ACTIONS, ...STREAMS, ...READS];

export function agentPath(namespace: string, name: string, sub: Sub): string {
  return `/v1/namespaces/${encodeURIComponent(namespace)}/vmis/${encodeURIComponent(name)}/${sub}`;
}

/** `/v1/namespaces/NS/vmis/NAME/SUB` → its parts, or undefined for any other path. */
export function parseAgentPath(pathname: string): AgentRoute | undefined {
  const m = /^\/v1\/namespaces\/([^/]+)\/vmis\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!m || !ALL.includes(m[3])) return undefined;
  try {
    return { namespace: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]), sub: m[3] as Sub };
  } catch {
    return undefined; // malformed %-escape: no such route
  }
}

export const isAction = (s: Sub): s is Action => (ACTIONS as readonly string[]).includes(s);
export const isStream = (s: Sub): s is StreamKind => (STREAMS as readonly string[]).includes(s);

/** The API server's way to carry a token where browsers cannot set headers (not a real protocol). */
export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/**
 * The subprotocol to answer with: KubeVirt's `plain.kubevirt.io`, else noVNC's `binary`, else none
 * (never the bearer-token pseudo-protocol, which would echo the token back).
 */
export function pickProtocol(offered: Set<string>): string | false {
  if (offered.has(CONSOLE_PROTOCOL)) return CONSOLE_PROTOCOL;
  if (offered.has('binary')) return 'binary';
  return false;
}
