// kill -9 of the whole `vireo up` process (API server, controllers and node agent at once) while a
// guest runs: QEMU keeps running (its serial heartbeat keeps counting); `vireo up` started again on
// the same data dir adopts it (Adopted event, the VMI Running with the same uid and QEMU pid, never a
// second QEMU); deleting the VM afterwards ends that QEMU.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { KubeClient } from '../src/client/client.ts';
import { loadKubeconfig } from '../src/client/kubeconfig.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { NS, guestVm, runDirOf, serialText, vmiRunning } from './support/guest-e2e.ts';
import { isAlive, killLeftoverGuests, qemuPids } from './support/guests.ts';
import { repo, stageTinyImage, waitFor } from './support/vm-e2e.ts';

const NODE = 'upkill-node';
const VM = 'upkill-guest';

let dataDir: string | undefined;
let up: ChildProcess | undefined;
let client: KubeClient | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `bin/vireo up` on the data dir, its output appended to up.log; resolves once it says it is up. */
async function startUp(dir: string, port: number): Promise<ChildProcess> {
  const logPath = join(dir, 'up.log');
  const fd = openSync(logPath, 'a');
  const start = readLog(logPath).length;
  const child = spawn(join(repo, 'bin/vireo'), ['up', '--data-dir', dir, '--listen', `127.0.0.1:${port}`, '--node-name', NODE, '--accel', 'tcg', '--no-demo'], {
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  up = child;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `vireo up exited (${signal ?? code})`));
  await waitFor('vireo up to say it is up', 90_000, () => {
    if (exited) throw new Error(`${exited}:\n${readLog(logPath).slice(start)}`);
    return readLog(logPath).slice(start).includes('Vireo is up.') || undefined;
  }, 250);
  return child;
}

const readLog = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '');

async function killUp(signal: NodeJS.Signals): Promise<void> {
  const child = up;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await gone;
  up = undefined;
}

const heartbeat = (uid: string): number => {
  const all = [...serialText(dataDir!, uid).matchAll(/^vireo-heartbeat (\d+)$/gm)];
  return all.length ? Number(all[all.length - 1]![1]) : 0;
};
const qemuPid = (uid: string): number => Number(readFileSync(join(runDirOf(dataDir!, uid), 'qemu.pid'), 'utf8').trim());

describe('kill -9 of vireo up while a guest runs', { timeout: 240_000 }, () => {
  after(async () => {
    client?.close();
    // SIGTERM: a clean stop, which by design leaves guests running; they are ended below.
    await killUp('SIGTERM');
    if (dataDir) {
      await killLeftoverGuests(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the guest outlives vireo up, is adopted by the next one, and ends with its VM', async () => {
    // Short path: the guests' unix sockets live under it.
    dataDir = mkdtempSync(join(tmpdir(), 'vireo-up-'));
    const port = await freePort();
    await Promise.all([stageTinyImage(join(dataDir, 'images')), startUp(dataDir, port)]);
    client = new KubeClient(loadKubeconfig(join(dataDir, 'admin.kubeconfig')));

    await client.create(R.vms, NS, guestVm(VM, {}));
    const vmi = await vmiRunning(client, VM, 90_000);
    const uid = vmi.metadata.uid!;
    await waitFor('the guest heartbeat', 90_000, () => heartbeat(uid) >= 2 || undefined, 250);
    const pid = qemuPid(uid);
    assert.deepEqual(qemuPids(uid), [pid]);

    client.close();
    await killUp('SIGKILL');
    const beatAtKill = heartbeat(uid);
    await waitFor('heartbeats while vireo up is down', 20_000, () => heartbeat(uid) >= beatAtKill + 3 || undefined, 250);
    assert.ok(isAlive(pid), 'QEMU outlived vireo up');

    await startUp(dataDir, port);
    client = new KubeClient(loadKubeconfig(join(dataDir, 'admin.kubeconfig')));
    const c = client;
    await waitFor('the Adopted event', 60_000, async () => {
      const ev = await c.list<KubeObject & { reason: string; involvedObject: { uid: string } }>(R.events, NS);
      return ev.items.some((e) => e.reason === 'Adopted' && e.involvedObject.uid === uid) || undefined;
    }, 250);
    const adopted = await c.get<VirtualMachineInstance>(R.vmis, NS, VM);
    assert.equal(adopted.metadata.uid, uid, 'the same VMI');
    assert.equal(adopted.status?.phase, 'Running');
    assert.equal(qemuPid(uid), pid, 'the same QEMU');
    assert.deepEqual(qemuPids(uid), [pid], 'no second QEMU');
    const beat = heartbeat(uid);
    await waitFor('heartbeats after adoption', 20_000, () => heartbeat(uid) > beat || undefined, 250);
    // Nothing restarted it meanwhile: the heartbeat counts on from before the kill, no new boot.
    assert.ok(heartbeat(uid) > beatAtKill + 3);
    assert.equal(serialText(dataDir, uid).match(/^VIREO-GUEST-READY$/gm)?.length, 1, 'the guest booted once');

    await c.delete(R.vms, NS, VM);
    await waitFor('the VMI to be gone', 60_000, async () => ((await c.tryGet(R.vmis, NS, VM)) ? undefined : true), 250);
    await waitFor('QEMU to end', 10_000, () => !isAlive(pid) || undefined, 100);
    assert.deepEqual(qemuPids(uid), []);
  });
});
