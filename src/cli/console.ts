// `vireo console NAME`: the guest's serial console. On a terminal: raw mode, every key goes to the
// guest and Ctrl+] leaves (as with virtctl). Otherwise (pipe mode): stdin is forwarded and guest
// output printed until stdin ends, which scripts and tests rely on.
import type { Command } from 'commander';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { isNormalClose, openStream, type Stream } from './stream.ts';

const ESCAPE = 0x1d; // Ctrl+]

export function registerConsole(program: Command): void {
  withConnection(program.command('console').description('connect to the serial console of a running guest (Ctrl+] leaves)').argument('<name>')).action(
    (name: string, opts: ConnectionOptions) =>
      withClient(opts, async (conn) => {
        const stream = await openStream(conn, name, 'console', ['plain.kubevirt.io']);
        process.stderr.write(`Successfully connected to ${name} console. The escape sequence is ^]\n`);
        await session(stream);
      }),
  );
}

function session({ ws, start, error }: Stream): Promise<void> {
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      if (tty) stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onInput);
      if (ws.readyState === ws.OPEN) ws.close(1000, 'client left');
      // A server that never completes the close handshake must not keep us here.
      setTimeout(() => ws.terminate(), 1000).unref();
      if (tty) process.stderr.write('\r\n');
      if (err) reject(err);
      else resolve();
    };
    const onInput = (chunk: Buffer): void => {
      const esc = tty ? chunk.indexOf(ESCAPE) : -1;
      const data = esc >= 0 ? chunk.subarray(0, esc) : chunk;
      if (data.length > 0) ws.send(data, { binary: true });
      if (esc >= 0) finish();
    };
    start((d) => process.stdout.write(d));
    ws.on('close', (code, reason) => {
      const why = reason.toString() || error()?.message || `code ${code}`;
      finish(isNormalClose(code) ? undefined : new Error(`the console connection closed: ${why}`));
    });
    if (tty) stdin.setRawMode(true);
    stdin.on('data', onInput);
    stdin.once('end', () => finish());
    stdin.resume();
  });
}
