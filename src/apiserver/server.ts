// The HTTPS API server: TLS, authentication, and dispatch to discovery, OpenAPI, the REST verbs
// and registered subresource handlers. One port serves everything.
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { KindDefinition } from '../machinery/kind.ts';
import type { Store } from '../store/store.ts';
import { TokenAuthenticator, ensureAdminToken, type User } from './auth.ts';
import { AGGREGATED_CONTENT_TYPE, Discovery, wantsAggregated, type ExtraGroup } from './discovery.ts';
import { sendError, sendJson } from './http-io.ts';
import { KindIndex } from './kind-index.ts';
import { ObjectService } from './objects.ts';
import { OpenApi } from './openapi.ts';
import { OPENAPI_V2_PROTO_TYPE } from './openapi-v2.ts';
import { parseApiPath, type ApiPath } from './request-path.ts';
import { RestHandlers } from './rest.ts';
import { ApiError, internalError, notFound } from './status.ts';
import { ensureTls } from './tls.ts';
import { Compactor } from './compactor.ts';

export const SERVER_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+vireo-0.1.0', platform: 'linux/amd64' };

export interface ApiServerOptions {
  dataDir: string;
  host: string;
  port: number;
  store: Store;
  kinds: KindDefinition[];
}

/** A handler for a path the generic REST layer does not own (KubeVirt subresources, uploads, …). */
export type SubresourceHandler = (req: IncomingMessage, res: ServerResponse, p: ApiPath, user: User) => Promise<void>;

/**
 * A handler for a websocket upgrade (console, VNC). It answers the upgrade itself; an ApiError it
 * throws before doing so becomes a plain HTTP Status answer.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, p: ApiPath, user: User) => Promise<void>;

export class ApiServer {
  readonly index: KindIndex;
  readonly objects: ObjectService;
  readonly auth = new TokenAuthenticator();
  readonly adminToken: string;
  readonly caPem: string;
  private discovery: Discovery;
  private openapi: OpenApi;
  private rest: RestHandlers;
  private server?: Http2SecureServer;
  /** Every TLS connection (HTTP/2 sessions and HTTP/1.1 alike), so close() can end them all. */
  private readonly sockets = new Set<Socket>();
  private extraGroups: ExtraGroup[] = [];
  private subresources = new Map<string, SubresourceHandler>();
  private collections = new Map<string, SubresourceHandler>();
  private upgrades = new Map<string, UpgradeHandler>();
  private rootHandler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  private compactor: Compactor;
  private tls: { certPem: string; keyPem: string };

  constructor(private readonly opts: ApiServerOptions) {
    this.index = new KindIndex(opts.kinds);
    this.objects = new ObjectService(opts.store, this.index);
    this.discovery = new Discovery(this.index, this.extraGroups);
    this.openapi = new OpenApi(this.index);
    this.rest = new RestHandlers(opts.store, this.objects);
    const tls = ensureTls(opts.dataDir, [opts.host]);
    this.caPem = tls.caPem;
    this.tls = tls;
    this.adminToken = ensureAdminToken(opts.dataDir);
    this.auth.add(this.adminToken, { name: 'vireo-admin', groups: ['system:masters', 'system:authenticated'] });
    this.compactor = new Compactor(opts.store);
  }

  /** Serves `group/version/.../plural/name/sub` with `handler` and lists it in discovery. */
  registerSubresource(group: string, version: string, plural: string, sub: string, kind: string, namespaced: boolean, verbs: string[], handler: SubresourceHandler): void {
    this.subresources.set(`${group}/${version}/${plural}/${sub}`, handler);
    let g = this.extraGroups.find((e) => e.group === group && e.version === version);
    if (!g && !this.index.groups().get(group)?.has(version)) {
      g = { group, version, resources: [] };
      this.extraGroups.push(g);
    }
    g?.resources.push({ name: `${plural}/${sub}`, kind, namespaced, verbs });
  }

  /**
   * Lets `handler` own a whole resource path that stores nothing (`…/namespaces/NS/processedtemplates`,
   * as `oc process` posts to), and lists the resource in discovery with `verbs`.
   */
  registerCollection(group: string, version: string, plural: string, kind: string, namespaced: boolean, verbs: string[], handler: SubresourceHandler): void {
    this.collections.set(`${group}/${version}/${plural}`, handler);
    let g = this.extraGroups.find((e) => e.group === group && e.version === version);
    if (!g) {
      g = { group, version, resources: [] };
      this.extraGroups.push(g);
    }
    g.resources.push({ name: plural, kind, namespaced, verbs });
  }

  /** Serves websocket upgrades of `group/version/.../plural/name/sub`; registerSubresource lists it. */
  registerUpgrade(group: string, version: string, plural: string, sub: string, handler: UpgradeHandler): void {
    this.upgrades.set(`${group}/${version}/${plural}/${sub}`, handler);
  }

  /** Serves non-API paths (the web console); returns false to fall through to 404. */
  setRootHandler(h: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>): void {
    this.rootHandler = h;
  }

  async listen(): Promise<void> {
    // HTTP/2 with HTTP/1.1 beside it (ALPN picks): a browser opens six HTTP/1.1 connections per host,
    // and the console's live watches would hold all of them; over HTTP/2 they share one. Websocket
    // upgrades (consoles, VNC) and HTTP/1.1-only clients take the HTTP/1.1 path.
    this.server = createSecureServer({ cert: this.tls.certPem, key: this.tls.keyPem, allowHTTP1: true }, (rawReq, rawRes) => {
      // The HTTP/2 compatibility API mirrors IncomingMessage/ServerResponse for all the handlers use.
      const req = rawReq as unknown as IncomingMessage;
      const res = rawRes as unknown as ServerResponse;
      this.dispatch(req, res).catch((e: unknown) => {
        const err = e instanceof ApiError ? e : internalError((e as Error)?.message ?? String(e));
        if (!(e instanceof ApiError)) console.error('apiserver: unhandled error', e);
        sendError(res, err);
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // The HTTP server stops watching an upgraded socket; a client that goes away must not crash us.
      socket.on('error', () => socket.destroy());
      this.dispatchUpgrade(req, socket, head).catch((e: unknown) => {
        if (!(e instanceof ApiError)) console.error('apiserver: unhandled upgrade error', e);
        refuseUpgrade(socket, e instanceof ApiError ? e : internalError((e as Error)?.message ?? String(e)));
      });
    });
    this.server.on('secureConnection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // The HTTP/1.1 path reads these from the server (HTTP/2 streams have no request timeout).
    const http1 = this.server as unknown as { keepAliveTimeout: number; requestTimeout: number };
    http1.keepAliveTimeout = 120_000;
    // Upload bodies stream for as long as they take (Node's default gives a request 5 minutes).
    http1.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.compactor.start();
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  get url(): string {
    const h = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    return `https://${h}:${this.port}`;
  }

  async close(): Promise<void> {
    this.compactor.stop();
    if (!this.server) return;
    const s = this.server;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private isPlural = (g: string, v: string, seg: string): boolean =>
    !!this.index.resource(g, v, seg) || this.collections.has(`${g}/${v}/${seg}`) || [...this.subresources.keys()].some((k) => k.startsWith(`${g}/${v}/${seg}/`));

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://vireo');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    const isApi = path === '/api' || path === '/apis' || path.startsWith('/api/') || path.startsWith('/apis/') || path.startsWith('/openapi') || path === '/version';
    if (!isApi && this.rootHandler && (await this.rootHandler(req, res))) return;
    const user = this.auth.authenticate(req.headers.authorization);
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
    if (path === '/api' || path === '/apis') {
      if (wantsAggregated(req.headers.accept)) {
        return sendJson(res, 200, this.discovery.aggregated(path === '/api'), { 'Content-Type': AGGREGATED_CONTENT_TYPE });
      }
      const host = req.headers.host ?? `${this.opts.host}:${this.port}`;
      return sendJson(res, 200, path === '/api' ? this.discovery.apiVersions(host) : this.discovery.apiGroupList());
    }
    if (path.startsWith('/openapi/v3')) return this.serveOpenApi(res, path);
    if (path === '/openapi/v2') {
      res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTO_TYPE, 'Content-Length': this.openapi.v2.length });
      res.end(this.openapi.v2);
      return;
    }
    if (path.startsWith('/openapi')) throw notFound({ group: '', resource: 'openapi', kind: 'OpenAPI', name: path });
    const segs = path.split('/').filter(Boolean);
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = this.discovery.apiGroup(segs[1]);
      if (!g) throw notFound({ group: '', resource: 'apigroups', kind: 'APIGroup', name: segs[1] });
      return sendJson(res, 200, g);
    }
    const p = parseApiPath(path, this.isPlural);
    if (!p) throw notFound({ group: '', resource: '', kind: '', name: path });
    if (!p.plural) {
      const list = this.discovery.resourceList(p.group, p.version);
      if (!list) throw notFound({ group: p.group, resource: '', kind: '', name: `${p.group}/${p.version}` });
      return sendJson(res, 200, list);
    }
    if (p.subresource) {
      const h = this.subresources.get(`${p.group}/${p.version}/${p.plural}/${p.subresource}`);
      if (h) return h(req, res, p, user);
    }
    const owner = this.collections.get(`${p.group}/${p.version}/${p.plural}`);
    if (owner) return owner(req, res, p, user);
    const def = this.index.resource(p.group, p.version, p.plural);
    if (!def) throw notFound({ group: p.group, resource: p.plural, kind: '', name: p.name });
    return this.rest.handle(req, res, def, p, url.searchParams, user.name);
  }

  // Authenticated exactly like other requests; browsers cannot set headers on a websocket, so the
  // token may also come as a `base64url.bearer.authorization.k8s.io.<token>` subprotocol.
  private async dispatchUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const user = this.auth.authenticate(req.headers.authorization ?? bearerFromProtocols(req.headers['sec-websocket-protocol']));
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    const path = new URL(req.url ?? '/', 'https://vireo').pathname.replace(/\/+$/, '');
    const p = parseApiPath(path, this.isPlural);
    const h = p?.subresource ? this.upgrades.get(`${p.group}/${p.version}/${p.plural}/${p.subresource}`) : undefined;
    if (!p || !h) throw notFound({ group: '', resource: '', kind: '', name: path });
    return h(req, socket, head, p, user);
  }

  private serveOpenApi(res: ServerResponse, path: string): void {
    if (path === '/openapi/v3') return sendJson(res, 200, this.openapi.index());
    const key = path.slice('/openapi/v3/'.length);
    const doc = this.openapi.document(key);
    if (!doc) throw notFound({ group: '', resource: 'openapi', kind: 'OpenAPI', name: key });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(doc), 'Cache-Control': 'public, immutable' });
    res.end(doc);
  }
}

const BEARER_PROTOCOL = 'base64url.bearer.authorization.k8s.io.';

/** `Bearer <token>` from a Sec-WebSocket-Protocol list that carries one, as the real apiserver reads it. */
export function bearerFromProtocols(header: string | undefined): string | undefined {
  const entry = header?.split(',').map((s) => s.trim()).find((s) => s.startsWith(BEARER_PROTOCOL));
  return entry ? `Bearer ${Buffer.from(entry.slice(BEARER_PROTOCOL.length), 'base64url').toString()}` : undefined;
}

/** Answers a refused upgrade with a Status, as a normal request would get it. */
export function refuseUpgrade(socket: Duplex, err: ApiError): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(err.toStatus());
  socket.end(`HTTP/1.1 ${err.code} ${STATUS_CODES[err.code] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
