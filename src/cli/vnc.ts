// `vireo vnc NAME`: a local TCP port speaking RFB, each client proxied through its own websocket
// to the guest's VNC display. With --proxy-only it prints {"port": P} and only proxies (virtctl's
// behaviour); otherwise it starts remote-viewer or vncviewer when one is installed and a display
// exists, and says where to connect when not.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { oneLine, withClient, withConnection, type Connection, type ConnectionOptions } from './connection.ts';
import { openStream, type Stream } from './stream.ts';

interface VncOptions extends ConnectionOptions {
  port: string;
  address: string;
  proxyOnly?: boolean;
}

const VIEWERS: { bin: string; target: (addr: string, port: number) => string }[] = [
  { bin: 'remote-viewer', target: (a, p) => `vnc://${a}:${p}` },
  { bin: 'vncviewer', target: (a, p) => `${a}::${p}` },
];

export function registerVnc(program: Command): void {
  withConnection(program.command('vnc').description("open a guest's VNC display on a local port").argument('<name>'))
    .option('--port <port>', 'local port to listen on (0: any free port)', '0')
    .option('--address <ip>', 'local address to listen on', '127.0.0.1')
    .option('--proxy-only', 'only proxy: print {"port": P} and start no viewer')
    .action((name: string, opts: VncOptions) => {
      if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) throw new Error(`--port must be a port number, not "${opts.port}"`);
      return withClient(opts, async (conn) => {
        // Opened before listening, so a VMI that is missing or not running fails right here.
        const first = await openStream(conn, name, 'vnc', []);
        const server = await listen(conn, name, first, opts);
        const port = (server.address() as AddressInfo).port;
        if (opts.proxyOnly) {
          console.log(JSON.stringify({ port }));
          return new Promise<void>(() => undefined); // serve until interrupted
        }
        const viewer = findViewer();
        if (!viewer) {
          console.log(`VNC of ${name} is on ${opts.address}:${port} (no VNC viewer to start: install remote-viewer or vncviewer, or connect one there)`);
          return new Promise<void>(() => undefined);
        }
        console.log(`VNC of ${name} is on ${opts.address}:${port}; starting ${viewer.bin}`);
        const child = spawn(viewer.bin, [viewer.target(opts.address, port)], { stdio: 'inherit' });
        const code = await new Promise<number>((resolve, reject) => {
          child.once('error', (e) => reject(new Error(`${viewer.bin}: ${e.message}`)));
          child.once('exit', (c) => resolve(c ?? 1));
        });
        server.close();
        if (code !== 0) throw new Error(`${viewer.bin} exited with code ${code}`);
      });
    });
}

async function listen(conn: Connection, name: string, first: Stream, opts: VncOptions): Promise<Server> {
  let spare: Stream | undefined = first;
  const server = createServer((sock) => {
    const ready = spare && spare.ws.readyState === spare.ws.OPEN ? Promise.resolve(spare) : openStream(conn, name, 'vnc', []);
    spare = undefined;
    sock.on('error', () => sock.destroy());
    ready.then(
      (stream) => pipeTcp(stream, sock),
      (e: unknown) => {
        process.stderr.write(`error: VNC client ${sock.remoteAddress ?? ''}:${sock.remotePort ?? ''}: ${oneLine(e)}\n`);
        sock.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot listen on ${opts.address}:${opts.port}: ${e.message}`)));
    server.listen(Number(opts.port), opts.address, () => resolve());
  });
  return server;
}

function pipeTcp(stream: Stream, sock: Socket): void {
  stream.start((d) => sock.write(d));
  sock.on('data', (d: Buffer) => stream.ws.send(d, { binary: true }));
  sock.on('close', () => stream.ws.close(1000, 'VNC client left'));
  stream.ws.on('close', () => sock.end());
}

function findViewer(): (typeof VIEWERS)[number] | undefined {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return VIEWERS.find((v) =>
    dirs.some((d) => {
      try {
        accessSync(join(d, v.bin), constants.X_OK);
        return true;
      } catch {
        return false; // not in this directory
      }
    }),
  );
}
