// The node agent's endpoint: the API server proxies KubeVirt's VMI subresources (pause, unpause,
// softreboot, reset, console, vnc, guestosinfo) and Vireo's consolelog and metrics here. Plain HTTP on the
// node address with a bearer token made at start; both are published on the Node (see auth.ts for
// who can read the token). Routes: /v1/namespaces/NS/vmis/NAME/SUB (routes.ts), and the data of
// uploads at /v1/namespaces/NS/pvcs/NAME/upload (upload-route.ts), handed to node storage.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import type { GuestAccess } from '../guest-access.ts';
import { runAction } from './actions.ts';
import { hasToken, newToken } from './auth.ts';
import { bridge } from './bridge.ts';
import { parseTailLines, readConsoleLog } from './console-log.ts';
import { guestOsInfo } from './guestosinfo.ts';
import { readMetrics, type MetricsSource } from './metrics.ts';
import { ENDPOINT_ANNOTATION, TOKEN_ANNOTATION, isAction, isStream, parseAgentPath, pickProtocol, type AgentRoute } from './routes.ts';
import { EndpointError, asEndpointError, rejectUpgrade, sendStatus } from './status.ts';
import { StreamSessions, streamLabel } from './streams.ts';
import { parseUploadPath, type UploadRoute } from './upload-route.ts';

export interface AgentEndpointOptions {
  access: GuestAccess;
  client: KubeClient;
  nodeName: string;
  /** The node address the API server reaches this agent at; the server listens on it. */
  address: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Receives uploads into this node's volumes; without it the upload path answers 404. */
  uploads?: { handle(req: IncomingMessage, res: ServerResponse, route: UploadRoute): Promise<void> };
  /** The guests' sampled metrics; without it the metrics path answers 404. */
  metrics?: MetricsSource;
}

export interface AgentEndpoint {
  url: string;
  stop(): Promise<void>;
}

export async function startAgentEndpoint(opts: AgentEndpointOptions): Promise<AgentEndpoint> {
  const token = newToken();
  const sessions = new StreamSessions();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: pickProtocol });

  /** The route of an authorized request whose guest runs here, with its run dir. */
  const resolve = (req: IncomingMessage): { route: AgentRoute; runDir: string } => {
    if (!hasToken(req.headers.authorization, token)) throw new EndpointError(401, 'Unauthorized', 'Unauthorized');
    const route = parseAgentPath(new URL(req.url ?? '/', 'http://agent').pathname);
    if (!route) throw new EndpointError(404, 'NotFound', `the node agent has no path ${req.url ?? ''}`);
    const runDir = opts.access.runDir(route.namespace, route.name);
    if (!runDir) throw new EndpointError(404, 'NotFound', `VMI ${route.namespace}/${route.name} does not run on node ${opts.nodeName}`);
    return { route, runDir };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const upload = parseUploadPath(req.url ?? '/');
    if (upload) {
      if (!hasToken(req.headers.authorization, token)) throw new EndpointError(401, 'Unauthorized', 'Unauthorized');
      if (!opts.uploads) throw new EndpointError(404, 'NotFound', `node ${opts.nodeName} receives no uploads`);
      return opts.uploads.handle(req, res, upload);
    }
    const { route, runDir } = resolve(req);
    const { namespace, name, sub } = route;
    if (isStream(sub)) throw new EndpointError(400, 'BadRequest', `${sub} is a websocket: send a GET with Upgrade: websocket`);
    const want = isAction(sub) ? 'PUT' : 'GET';
    if (req.method !== want) throw new EndpointError(405, 'MethodNotAllowed', `${sub} takes ${want}, not ${req.method ?? ''}`);
    if (isAction(sub)) {
      await runAction(opts.access, namespace, name, sub);
      res.writeHead(200, { 'Content-Length': 0 }).end();
    } else if (sub === 'consolelog') {
      const tail = parseTailLines(new URL(req.url ?? '/', 'http://agent').searchParams.get('tailLines'));
      const text = await readConsoleLog(join(runDir, 'serial.log'), tail);
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': text.length }).end(text);
    } else if (sub === 'metrics') {
      const body = readMetrics(opts.metrics, namespace, name, new URL(req.url ?? '/', 'http://agent').searchParams.get('since'));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    } else {
      const body = JSON.stringify(await guestOsInfo(opts.access, namespace, name));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    }
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const { route, runDir } = resolve(req);
    if (!isStream(route.sub)) throw new EndpointError(400, 'BadRequest', `${route.sub} is not a websocket`);
    const kind = route.sub;
    const vmi = `${route.namespace}/${route.name}`;
    const guest = await sessions.open(kind, runDir, vmi);
    if (socket.destroyed) {
      guest.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      bridge(ws, guest, `the ${streamLabel(kind)} of VMI ${vmi}`);
      sessions.add(kind, vmi, ws);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => sendStatus(res, asEndpointError(e)));
  });
  // An upload's body takes as long as it takes (Node's default gives a request 5 minutes).
  server.requestTimeout = 0;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The HTTP server stops watching an upgraded socket; a client that goes away must not crash us.
    socket.on('error', () => socket.destroy());
    upgrade(req, socket, head).catch((e: unknown) => rejectUpgrade(socket, asEndpointError(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.address.includes(':') ? `[${opts.address}]` : opts.address;
  const url = `http://${host}:${port}`;

  const stop = async (): Promise<void> => {
    sessions.closeAll();
    wss.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  try {
    // Only after listening: the API server must never find an endpoint that does not answer yet.
    await opts.client.mergePatch(R.nodes, undefined, opts.nodeName, { metadata: { annotations: { [ENDPOINT_ANNOTATION]: url, [TOKEN_ANNOTATION]: token } } });
  } catch (e) {
    await stop();
    throw new Error(`could not publish the agent endpoint on Node ${opts.nodeName}: ${(e as Error).message}`, { cause: e });
  }
  return { url, stop };
}
