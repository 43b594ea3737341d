import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { QmpClient, QmpClosedError, QmpError, type QmpEvent } from './qmp.ts';
import { spawnQemu, withTempDir } from './testing.ts';

const bareArgs = (sock: string) => ['-machine', 'none', '-nodefaults', '-display', 'none', '-S', '-qmp', `unix:${sock},server=on,wait=off`];

function nextEvent(client: QmpClient, name: string): Promise<QmpEvent> {
  return new Promise((resolve) => client.once(name, resolve));
}

test('QMP: status, stop/cont events, errors, quit and close', async () => {
  await withTempDir(async (dir) => {
    const sock = join(dir, 'qmp.sock');
    const qemu = spawnQemu(bareArgs(sock));
    try {
      // Connect races QEMU creating the socket: connect must retry until it appears.
      const client = await QmpClient.connect(sock, { timeoutMs: 10_000 });
      assert.equal(client.greeting.QMP.version.qemu.major >= 7, true);

      const st = await client.execute<{ status: string; running: boolean }>('query-status');
      assert.equal(st.status, 'prelaunch');
      assert.equal(st.running, false);

      const resumed = nextEvent(client, 'RESUME');
      await client.execute('cont');
      assert.equal((await resumed).event, 'RESUME');
      assert.equal((await client.execute<{ status: string }>('query-status')).status, 'running');

      const seen: string[] = [];
      client.on('event', (e: QmpEvent) => seen.push(e.event));
      const stopped = nextEvent(client, 'STOP');
      await client.execute('stop');
      await stopped;
      assert.deepEqual(seen, ['STOP']);
      assert.equal((await client.execute<{ status: string }>('query-status')).status, 'paused');

      await assert.rejects(client.execute('no-such-command'), (e: unknown) => {
        assert.ok(e instanceof QmpError);
        assert.equal(e.errorClass, 'CommandNotFound');
        assert.match(e.desc, /no-such-command/);
        return true;
      });
      // Wrong argument types are QEMU's GenericError, still a QmpError.
      await assert.rejects(client.execute('human-monitor-command', { 'command-line': 42 }), QmpError);

      // Several in flight at once are matched by id.
      const [a, b] = await Promise.all([client.execute<{ status: string }>('query-status'), client.execute<{ name?: string }>('query-name')]);
      assert.equal(a.status, 'paused');
      assert.deepEqual(b, {});

      const closed = new Promise<Error>((resolve) => client.once('close', resolve));
      const shutdown = nextEvent(client, 'SHUTDOWN');
      await client.execute('quit');
      assert.equal((await shutdown).data?.reason, 'host-qmp-quit');
      assert.ok((await closed) instanceof QmpClosedError);
      assert.equal(client.closed, true);
      assert.equal(await qemu.exited, 0);
      await assert.rejects(client.execute('query-status'), QmpClosedError);
    } finally {
      await qemu.kill();
    }
  });
});

test('QMP: a pending command rejects when the connection drops', async () => {
  // A scripted server, so the command is provably in flight when the socket closes.
  await withTempDir(async (dir) => {
    const sock = join(dir, 'fake.sock');
    const server = net.createServer((conn) => {
      conn.write('{"QMP": {"version": {"qemu": {"major": 7, "minor": 2, "micro": 0}, "package": ""}, "capabilities": []}}\r\n');
      let buf = '';
      conn.on('data', (d) => {
        buf += d.toString();
        if (buf.includes('qmp_capabilities')) {
          const id = (JSON.parse(buf.trim().split('\n')[0]) as { id: number }).id;
          conn.write(`{"return": {}, "id": ${id}}\r\n`);
          buf = '';
        } else if (buf.includes('query-status')) conn.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const client = await QmpClient.connect(sock);
      await assert.rejects(client.execute('query-status'), (e: unknown) => {
        assert.ok(e instanceof QmpClosedError);
        assert.match(e.message, /closed.* before query-status was answered/);
        return true;
      });
      assert.equal(client.closed, true);
    } finally {
      server.close();
    }
  });
});

test('QMP: connect gives up after its timeout when no socket appears', async () => {
  await withTempDir(async (dir) => {
    const started = Date.now();
    await assert.rejects(QmpClient.connect(join(dir, 'missing.sock'), { timeoutMs: 300 }), /could not connect within 300 ms/);
    assert.ok(Date.now() - started >= 290);
  });
});
