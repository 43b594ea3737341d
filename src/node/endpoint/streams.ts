// Opens the guest's serial or VNC unix socket for a websocket. QEMU's serial chardev serves one
// client at a time, so a new console connection takes over from the previous one (as in KubeVirt),
// which is closed with a reason first. VNC allows several viewers at once.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { StreamKind } from './routes.ts';
import { unavailable } from './status.ts';

const SOCKET: Record<StreamKind, string> = { console: 'serial.sock', vnc: 'vnc.sock' };
const LABEL: Record<StreamKind, string> = { console: 'serial console', vnc: 'VNC display' };

export const streamLabel = (kind: StreamKind): string => LABEL[kind];

export class StreamSessions {
  private consoles = new Map<string, WebSocket>();
  private all = new Set<WebSocket>();

  /** Connects to the guest's socket, or throws 503 saying why it is not available. */
  async open(kind: StreamKind, runDir: string, vmi: string): Promise<Socket> {
    const previous = kind === 'console' ? this.consoles.get(vmi) : undefined;
    if (previous) await closeAndWait(previous, 'another console connection took over');
    return new Promise((resolve, reject) => {
      const sock = connect(join(runDir, SOCKET[kind]));
      sock.once('connect', () => {
        sock.removeAllListeners('error');
        resolve(sock);
      });
      sock.once('error', (e) => reject(unavailable(`the ${LABEL[kind]} of VMI ${vmi} is not available: ${e.message}`)));
    });
  }

  /** Tracks a bridged websocket until it closes. */
  add(kind: StreamKind, vmi: string, ws: WebSocket): void {
    this.all.add(ws);
    if (kind === 'console') this.consoles.set(vmi, ws);
    ws.once('close', () => {
      this.all.delete(ws);
      if (this.consoles.get(vmi) === ws) this.consoles.delete(vmi);
    });
  }

  closeAll(): void {
    for (const ws of this.all) ws.close(1001, 'the node agent is stopping');
  }
}

function closeAndWait(ws: WebSocket, reason: string): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close(4000, reason);
    // A peer that never answers the close handshake must not block the new console.
    setTimeout(() => ws.terminate(), 1000).unref();
  });
}
