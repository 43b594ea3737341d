// A websocket bridged byte-for-byte to a guest's unix socket (serial console, VNC): binary frames
// both ways, back-pressure both ways, and when either side ends the other is closed too.
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';

/** Pause reading the guest socket while this much is queued toward the websocket peer. */
const HIGH_WATER = 1 << 20;

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function bridge(ws: WebSocket, sock: Socket, what: string): void {
  sock.on('data', (chunk: Buffer) => {
    ws.send(chunk, { binary: true }, () => {
      if (sock.isPaused() && ws.bufferedAmount < HIGH_WATER) sock.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER) sock.pause();
  });
  ws.on('message', (data) => {
    if (!sock.write(toBuffer(data))) ws.pause();
  });
  sock.on('drain', () => ws.resume());

  let sockError = '';
  sock.on('error', (e) => (sockError = e.message));
  sock.on('close', () => {
    if (ws.readyState !== ws.OPEN) return;
    if (sockError) ws.close(1011, truncateReason(`${what}: ${sockError}`));
    else ws.close(1000, truncateReason(`${what} closed`));
  });
  // 'close' follows 'error' on a websocket; the socket is all that is left to release.
  ws.on('error', () => sock.destroy());
  ws.on('close', () => sock.destroy());
}

/** A close reason must fit a control frame: 123 bytes. */
export function truncateReason(s: string): string {
  const b = Buffer.from(s);
  return b.length <= 123 ? s : b.subarray(0, 120).toString().replace(/\uFFFD$/, '') + '...';
}
