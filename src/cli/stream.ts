// Opens a VMI's websocket subresource (console, vnc) on the API server. A refusal comes back as
// the server's Status message; frames that arrive with the handshake are kept, not lost.
import { WebSocket, type RawData } from 'ws';
import type { Connection } from './connection.ts';
import { vmiSubresource } from './paths.ts';

export interface Stream {
  ws: WebSocket;
  /** The last websocket error after the stream opened ('close' follows it). */
  error(): Error | undefined;
  /** Starts delivering frames (those already received first) to `onFrame`. */
  start(onFrame: (data: Buffer) => void): void;
}

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function openStream(conn: Connection, name: string, sub: 'console' | 'vnc', protocols: string[]): Promise<Stream> {
  const url = new URL(vmiSubresource(conn.namespace, name, sub), conn.creds.server);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const ws = new WebSocket(url, protocols, {
    ca: conn.creds.caPem,
    rejectUnauthorized: !conn.creds.insecure,
    headers: conn.creds.token ? { Authorization: `Bearer ${conn.creds.token}` } : {},
    perMessageDeflate: false,
    handshakeTimeout: 15_000,
  });
  const early: Buffer[] = [];
  let failure: Error | undefined;
  ws.on('error', (e) => (failure = e));
  let deliver: ((d: Buffer) => void) | undefined;
  ws.on('message', (d) => (deliver ? deliver(toBuffer(d)) : early.push(toBuffer(d))));
  const stream: Stream = {
    ws,
    error: () => failure,
    start(onFrame) {
      deliver = onFrame;
      for (const b of early.splice(0)) onFrame(b);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(stream));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let message: string;
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? text;
        } catch {
          message = text || `HTTP ${res.statusCode ?? 0}`;
        }
        reject(new Error(message));
      });
      res.on('error', reject);
    });
    ws.once('error', (e) => reject(new Error(`cannot open the ${sub} of VMI ${name} at ${conn.creds.server}: ${e.message}`)));
  });
}

/** Normal endings of a stream (the guest or the user closed it). */
export const isNormalClose = (code: number): boolean => code === 1000 || code === 1001 || code === 1005;
