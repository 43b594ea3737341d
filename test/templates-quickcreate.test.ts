// End to end for issue 7's boot sources, on a machine without internet: the control plane imports
// the tiny guest (built at set-up) into vireo-os-images/vireo-tiny over its own HTTPS port, the
// DataSource reports Ready (what the console's catalog shows as "boot source available"), and
// Quick create by name alone — `vireo create vm --template vireo-tiny-server-tiny --name quick1` —
// clones it and boots to the guest's serial console. virtctl's way too: `vireo create
// instancetype … | kubectl apply`, `vireo create vm --instancetype … --volume-import type:ds,… |
// kubectl apply`. Then a broken boot source: Ready=False with the importer's reason and an event,
// and a restart with the disk built imports it again.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from '../src/api/cdi/datasource.ts';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { kubectlBinary } from './support/kubectl.ts';
import { SerialCapture, guestDir, repo, waitFor } from './support/vm-e2e.ts';

const IMAGES = 'vireo-os-images';
const BOOT_MS = 180_000;

type Event = KubeObject & { reason: string; message: string; type: string; involvedObject: { kind: string; name: string } };

/** Runs a shell pipeline (pipefail) with KUBECONFIG, $VIREO and $KUBECTL set for `tcp`. */
function sh(tcp: TestControlPlane, cacheDir: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, KUBECONFIG: tcp.kubeconfig, VIREO: join(repo, 'bin/vireo'), KUBECTL: `${kubectlBinary()} --cache-dir ${cacheDir}` };
  return new Promise((resolve) => {
    execFile('bash', ['-o', 'pipefail', '-c', script], { env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

const readyOf = (ds: DataSource | undefined) => ds?.status?.conditions?.find((c) => c.type === 'Ready');

async function dataSourceSettled(tcp: TestControlPlane, timeoutMs = 120_000): Promise<DataSource> {
  return waitFor('the vireo-tiny DataSource to be Ready or failed', timeoutMs, async () => {
    const ds = await tcp.client.tryGet<DataSource>(R.datasources, IMAGES, 'vireo-tiny');
    const r = readyOf(ds);
    return r?.status === 'True' || r?.reason === 'Failed' ? ds : undefined;
  }, 200);
}

async function events(tcp: TestControlPlane, ns: string, name: string): Promise<Event[]> {
  return (await tcp.client.list<Event>(R.events, ns)).items.filter((e) => e.involvedObject.name === name);
}

async function runningVmi(tcp: TestControlPlane, name: string): Promise<VirtualMachineInstance> {
  await waitFor(`VM ${name} to be Running`, BOOT_MS, async () => (await tcp.client.tryGet<VirtualMachine>(R.vms, 'default', name))?.status?.printableStatus === 'Running' || undefined, 250);
  return tcp.client.get<VirtualMachineInstance>(R.vmis, 'default', name);
}

before(() => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
});

describe('the tiny Linux boot source and Quick create', { timeout: 900_000 }, () => {
  let tcp: TestControlPlane;
  let cacheDir: string;
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    cacheDir = mkdtempSync(join(tmpdir(), 'vireo-kubectl-cache-'));
  });
  after(async () => {
    await tcp?.stop();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('imports the tiny guest at start over the API server; the DataSource reports Ready', async () => {
    assert.match(tcp.cp.bootSource, /^vireo-os-images\/vireo-tiny: importing from https:\/\/127\.0\.0\.1:\d+\/boot-sources\/vireo-tiny\.qcow2$/);
    const ds = await dataSourceSettled(tcp);
    assert.deepEqual([readyOf(ds)?.status, readyOf(ds)?.reason, readyOf(ds)?.message], ['True', 'Ready', 'DataSource is ready to be consumed']);
    assert.deepEqual(ds.status?.source, { pvc: { name: 'vireo-tiny', namespace: IMAGES } });
    const dv = await tcp.client.get<DataVolume>(R.datavolumes, IMAGES, 'vireo-tiny');
    assert.deepEqual([dv.status?.phase, dv.status?.progress], ['Succeeded', '100.0%']);
    assert.equal(dv.spec?.source?.http?.certConfigMap, 'vireo-api-ca');
    assert.ok((await events(tcp, IMAGES, 'vireo-tiny')).some((e) => e.involvedObject.kind === 'DataVolume' && e.reason === 'ImportSucceeded'));
    assert.ok((await events(tcp, IMAGES, 'vireo-tiny')).some((e) => e.involvedObject.kind === 'DataSource' && e.reason === 'Ready'));
    // What the console reads through the public API: the Ready condition of the template's DataSource.
    const r = await sh(tcp, cacheDir, `$KUBECTL get datasource -n ${IMAGES} vireo-tiny -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'True');
  });

  it('Quick create by name alone clones the boot source, runs, and the guest prints to its serial console', async () => {
    const r = await sh(tcp, cacheDir, '"$VIREO" create vm --template vireo-tiny-server-tiny --name quick1 -n default');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /virtualmachine.kubevirt.io\/quick1 created/);
    const vmi = await runningVmi(tcp, 'quick1');
    const dv = await tcp.client.get<DataVolume>(R.datavolumes, 'default', 'quick1');
    assert.deepEqual([dv.status?.phase, dv.spec?.sourceRef?.name], ['Succeeded', 'vireo-tiny']);
    assert.ok((await events(tcp, 'default', 'quick1')).some((e) => e.reason === 'CloneSucceeded'), 'the root disk was cloned from the boot source');
    assert.equal(vmi.spec?.domain.memory?.guest, '128Mi');
    // The kept console log, as `vireo console-log` shows it, then the live serial socket.
    await waitFor('VIREO-GUEST-READY and the cloud-init hostname in the console log', BOOT_MS, async () => {
      const log = await sh(tcp, cacheDir, '"$VIREO" console-log quick1 -n default');
      return /^VIREO-GUEST-READY\r?$/m.test(log.stdout) && log.stdout.includes('vireo-hostname quick1') ? true : undefined;
    }, 1000);
    const serial = await SerialCapture.open(join(tcp.cp.agent!.runDir('default', 'quick1')!, 'serial.sock'));
    try {
      await waitFor('a heartbeat on the live serial console', 30_000, () => /vireo-heartbeat \d+/.test(serial.text) || undefined, 250);
    } finally {
      serial.close();
    }
  });

  it('virtctl style: create instancetype | kubectl apply, create vm --instancetype --volume-import type:ds | kubectl apply', async () => {
    const it = await sh(tcp, cacheDir, '"$VIREO" create instancetype tiny-2 --cpu 2 --memory 192Mi --namespaced | $KUBECTL apply -n default -f -');
    assert.equal(it.code, 0, it.stderr);
    const vm = await sh(
      tcp,
      cacheDir,
      '"$VIREO" create vm --name cli1 --instancetype virtualmachineinstancetype/tiny-2 --preference vireo.tiny --volume-import type:ds,src:vireo-os-images/vireo-tiny,size:1Gi | $KUBECTL apply -n default -f -',
    );
    assert.equal(vm.code, 0, vm.stderr);
    assert.match(vm.stdout, /virtualmachine.kubevirt.io\/cli1 created/);
    const vmi = await runningVmi(tcp, 'cli1');
    const d = vmi.spec!.domain;
    assert.deepEqual([d.cpu?.sockets, d.memory?.guest], [2, '192Mi'], 'the instance type sized the VMI');
    assert.equal(d.devices.disks?.[0].disk?.bus, 'virtio', 'the preference chose the disk bus');
    const log = join(tcp.cp.agent!.runDir('default', 'cli1')!, 'serial.log');
    await waitFor('VIREO-GUEST-READY from cli1', BOOT_MS, () => /VIREO-GUEST-READY/.test(readFileSync(log, 'latin1')) || undefined, 500);
  });
});

describe('a boot source that cannot be imported', { timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vireo-test-'));
  const broken = mkdtempSync(join(tmpdir(), 'vireo-broken-guest-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(broken, { recursive: true, force: true });
  });

  it('shows Ready=False with the importer\'s reason and an event; a restart with the disk built imports it', async () => {
    const disk = readFileSync(join(guestDir, 'disk.qcow2'));
    writeFileSync(join(broken, 'disk.qcow2'), disk.subarray(0, Math.floor(disk.length / 2)));
    let tcp = await startControlPlane({ dataDir, agent: { accel: 'tcg' }, guestDir: broken });
    try {
      const ds = await dataSourceSettled(tcp);
      const ready = readyOf(ds);
      assert.equal(ready?.status, 'False');
      assert.equal(ready?.reason, 'Failed');
      assert.match(ready?.message ?? '', /^Import DataVolume vireo-os-images\/vireo-tiny phase Failed: .*corrupt or truncated qcow2/);
      // The controller records the event after it writes the status: wait for it.
      const ev = await waitFor('the ImportFailed event', 10_000, async () =>
        (await events(tcp, IMAGES, 'vireo-tiny')).find((e) => e.involvedObject.kind === 'DataSource' && e.reason === 'ImportFailed'),
      );
      assert.equal(ev?.type, 'Warning');
      assert.equal(ev?.message, ready?.message);
    } finally {
      await tcp.stop();
    }
    copyFileSync(join(guestDir, 'disk.qcow2'), join(broken, 'disk.qcow2'));
    tcp = await startControlPlane({ dataDir, agent: { accel: 'tcg' }, guestDir: broken });
    try {
      assert.match(tcp.cp.bootSource, /importing from/);
      assert.equal(readyOf(await dataSourceSettled(tcp))?.status, 'True');
    } finally {
      await tcp.stop();
    }
  });
});
