// KubeVirt's VirtualMachineInstance subresources (subresources.kubevirt.io/v1), served by proxying
// to the node agent that runs the guest: pause, unpause, softreboot, reset (PUT), guestosinfo and
// Vireo's consolelog and metrics (GET; not watchable, clients poll), console and vnc (websocket).
// The VMI must exist (404) and be Running on a node (409 "VMI is not running"); the node's agent
// endpoint and token come from its annotations. Everything else (is it paused? is a guest agent
// there?) is the agent's to refuse; its Status answers pass through unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { KindDefinition } from '../machinery/kind.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { readBody } from '../apiserver/http-io.ts';
import type { ApiPath } from '../apiserver/request-path.ts';
import { ApiError, conflict, notFound, type StatusReason } from '../apiserver/status.ts';
import { ACTIONS, ENDPOINT_ANNOTATION, READS, STREAMS, TOKEN_ANNOTATION, agentPath, pickProtocol, type Sub } from '../node/endpoint/routes.ts';

const GROUP = 'subresources.kubevirt.io';
const VERSION = 'v1';
const PLURAL = 'virtualmachineinstances';
const KIND = 'VirtualMachineInstance';
/** Actions and reads are quick; a guest agent that never answers must not hold a request forever. */
const AGENT_TIMEOUT_MS = 60_000;
/** Stop reading one side of a websocket pair while this much waits to go out on the other. */
const HIGH_WATER = 1 << 20;

interface Target {
  /** The agent's URL for this VMI and subresource, query included. */
  url: URL;
  token: string;
  nodeName: string;
}

export function registerVmiProxy(api: ApiServer): void {
  const vmiDef = api.index.kind('kubevirt.io/v1', KIND);
  const nodeDef = api.index.kind('v1', 'Node');
  if (!vmiDef || !nodeDef) throw new Error('vmi-proxy: the VirtualMachineInstance and Node kinds must be registered');
  const find = (p: ApiPath, sub: Sub, search: string) => findTarget(api, vmiDef, nodeDef, p, sub, search);

  for (const sub of ACTIONS) {
    api.registerSubresource(GROUP, VERSION, PLURAL, sub, KIND, true, ['update'], (req, res, p) => forward(req, res, 'PUT', () => find(p, sub, '')));
  }
  for (const sub of READS) {
    api.registerSubresource(GROUP, VERSION, PLURAL, sub, KIND, true, ['get'], (req, res, p) =>
      forward(req, res, 'GET', () => find(p, sub, new URL(req.url ?? '/', 'https://vireo').search)),
    );
  }
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: pickProtocol });
  for (const sub of STREAMS) {
    api.registerSubresource(GROUP, VERSION, PLURAL, sub, KIND, true, ['get'], () => {
      throw new ApiError(400, 'BadRequest', `${sub} is a websocket: send a GET with Upgrade: websocket`);
    });
    api.registerUpgrade(GROUP, VERSION, PLURAL, sub, async (req, socket, head, p) => proxyStream(wss, req, socket, head, await find(p, sub, '')));
  }
}

async function findTarget(api: ApiServer, vmiDef: KindDefinition, nodeDef: KindDefinition, p: ApiPath, sub: Sub, search: string): Promise<Target> {
  const name = p.name ?? '';
  const vmi = p.namespace && name ? await api.objects.tryGet(vmiDef, p.namespace, name) : undefined;
  if (!vmi || !p.namespace) throw notFound({ group: 'kubevirt.io', resource: 'virtualmachineinstances', kind: KIND, name });
  const status = (vmi.status ?? {}) as { phase?: string; nodeName?: string };
  if (status.phase !== 'Running' || !status.nodeName) {
    throw conflict({ group: 'kubevirt.io', resource: 'virtualmachineinstance', kind: KIND, name }, 'VMI is not running');
  }
  const node = await api.objects.tryGet(nodeDef, undefined, status.nodeName);
  const endpoint = node?.metadata.annotations?.[ENDPOINT_ANNOTATION];
  const token = node?.metadata.annotations?.[TOKEN_ANNOTATION];
  if (!endpoint || !token) {
    throw new ApiError(503, 'ServiceUnavailable', `node ${status.nodeName} publishes no agent endpoint (${ENDPOINT_ANNOTATION}); is its node agent running?`);
  }
  return { url: new URL(agentPath(p.namespace, name, sub) + search, endpoint), token, nodeName: status.nodeName };
}

const unreachable = (t: Target, e: unknown) => {
  const cause = (e as { cause?: Error }).cause?.message ?? (e as Error).message;
  return new ApiError(503, 'ServiceUnavailable', `the node agent of node ${t.nodeName} is not reachable at ${t.url.origin}: ${cause}`);
};

async function forward(req: IncomingMessage, res: ServerResponse, method: 'PUT' | 'GET', find: () => Promise<Target>): Promise<void> {
  if (req.method !== method) throw new ApiError(405, 'MethodNotAllowed', `this subresource takes ${method}, not ${req.method ?? ''}`);
  // Options such as KubeVirt's {"dryRun": [...]} are accepted and not (yet) acted on.
  if (method === 'PUT') await readBody(req);
  const t = await find();
  let answer: Response;
  let body: Buffer;
  try {
    answer = await fetch(t.url, { method, headers: { Authorization: `Bearer ${t.token}` }, signal: AbortSignal.timeout(AGENT_TIMEOUT_MS) });
    body = Buffer.from(await answer.arrayBuffer());
  } catch (e) {
    throw unreachable(t, e);
  }
  res.writeHead(answer.status, {
    'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache, private',
  });
  res.end(body);
}

/** Opens the agent's websocket first, so that its refusal becomes the client's HTTP answer. */
async function proxyStream(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, t: Target): Promise<void> {
  const offered = new Set((req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const protocol = pickProtocol(offered);
  const agent = new WebSocket(t.url.href.replace(/^http/, 'ws'), protocol ? [protocol] : [], {
    headers: { Authorization: `Bearer ${t.token}` },
    perMessageDeflate: false,
    handshakeTimeout: 10_000,
  });
  // Frames can arrive with the agent's 101, before the client's side exists.
  const early: Buffer[] = [];
  const keep = (d: RawData) => early.push(toBuffer(d));
  agent.on('message', keep);
  await new Promise<void>((resolve, reject) => {
    agent.once('open', () => resolve());
    agent.once('unexpected-response', (_r, answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => reject(agentRefusal(answer.statusCode ?? 502, Buffer.concat(chunks).toString())));
      answer.on('error', (e) => reject(unreachable(t, e)));
    });
    agent.once('error', (e) => reject(unreachable(t, e)));
  });
  agent.on('error', () => agent.terminate()); // after open; 'close' follows and ends the pair
  if (socket.destroyed) {
    agent.terminate();
    return;
  }
  wss.handleUpgrade(req, socket, head, (client) => {
    agent.off('message', keep);
    for (const b of early) client.send(b, { binary: true });
    pipe(agent, client);
    pipe(client, agent);
  });
}

function agentRefusal(code: number, text: string): ApiError {
  try {
    const s = JSON.parse(text) as { reason?: StatusReason; message?: string };
    return new ApiError(code, s.reason ?? 'InternalError', s.message ?? text);
  } catch {
    return new ApiError(code, 'InternalError', `the node agent answered ${code}: ${text.slice(0, 200)}`);
  }
}

/** Frames from `from` go to `to` as binary; `from` closing (or failing) closes `to`. */
function pipe(from: WebSocket, to: WebSocket): void {
  from.on('message', (d) => {
    to.send(toBuffer(d), { binary: true }, () => {
      if (from.isPaused && to.bufferedAmount < HIGH_WATER) from.resume();
    });
    if (to.bufferedAmount >= HIGH_WATER) from.pause();
  });
  from.on('error', () => to.terminate());
  from.on('close', (code, reason) => {
    if (to.readyState === WebSocket.OPEN) to.close(sendableCode(code), reason);
  });
}

/** Some codes (1005 none given, 1006 dropped, …) may be reported but never sent. */
function sendableCode(code: number): number {
  if ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)) return code;
  return code === 1006 ? 1011 : 1000;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
