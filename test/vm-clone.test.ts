// End to end for VirtualMachineClone (clone.kubevirt.io/v1beta1) against a real control plane with
// the in-process node agent (TCG; no guest boots: the agent only fills and copies disks). A Halted
// VM with a blank DataVolume on the `shared` class, a marker written into its disk image, is cloned
// through kubectl: the clone ends Succeeded, the new VM has its own claim holding the marker, the
// excluded label is gone, the requested MAC is set (the other one cleared), the firmware identity
// is dropped, and the temporary snapshot and restore are deleted. A clone of a
// VirtualMachineSnapshot skips the snapshot step and keeps the user's snapshot. An invalid clone is
// refused naming the field; a clone of a missing VM ends Failed saying why.
import assert from 'node:assert/strict';
import { openSync, readSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { VirtualMachineClone } from '../src/api/clone/index.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import type { VirtualMachineSnapshot } from '../src/api/snapshot/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { CloneController } from '../src/controllers/clone/clone-controller.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { makeKubectl } from './support/kubectl.ts';
import { startVireo } from './support/vireo-cli.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const VM = 'clonesrc';
const DV = `${VM}-data`;
const MARKER = 'vireo-clone-marker';

let tcp: TestControlPlane;
let kubectl: ReturnType<typeof makeKubectl>;

const sourceVm: VirtualMachine = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS, labels: { app: 'web', 'secret.io/tier': 'gold' }, annotations: { note: 'kept' } },
  spec: {
    runStrategy: 'Halted',
    dataVolumeTemplates: [{ metadata: { name: DV }, spec: { source: { blank: {} }, storage: { storageClassName: 'shared', resources: { requests: { storage: '16Mi' } } } } }],
    template: {
      metadata: { labels: { 'kubevirt.io/vm': VM } },
      spec: {
        domain: {
          resources: { requests: { memory: '64Mi' } },
          firmware: { uuid: '5d307ca9-b3ef-428c-8861-06e72d69f223', serial: 'src-serial' },
          devices: {
            disks: [{ name: 'data', disk: { bus: 'virtio' } }],
            interfaces: [
              { name: 'default', masquerade: {}, macAddress: '02:00:00:00:00:01' },
              { name: 'lan', bridge: {}, macAddress: '02:00:00:00:00:02' },
            ],
          },
        },
        networks: [{ name: 'default', pod: {} }, { name: 'lan', multus: { networkName: 'lan' } }],
        volumes: [{ name: 'data', dataVolume: { name: DV } }],
      },
    },
  },
} as VirtualMachine;

const cloneYaml = (name: string, body: string) => `apiVersion: clone.kubevirt.io/v1beta1
kind: VirtualMachineClone
metadata:
  name: ${name}
  namespace: ${NS}
spec:
${body}`;

async function create(yaml: string): Promise<void> {
  const r = await kubectl(['create', '-f', '-'], { input: yaml });
  assert.equal(r.code, 0, r.stderr);
}

const getClone = (name: string) => tcp.client.tryGet<VirtualMachineClone>(R.vmclones, NS, name);

async function cloneDone(name: string, timeoutMs = 120_000): Promise<VirtualMachineClone> {
  return waitFor(`clone ${name} to finish`, timeoutMs, async () => {
    const c = await getClone(name);
    return c?.status?.phase === 'Succeeded' || c?.status?.phase === 'Failed' ? c : undefined;
  }, 250);
}

async function claimDisk(claim: string): Promise<string> {
  const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim);
  const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
  return join(pv.spec!.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

function readHead(path: string, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, 0);
    return buf.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function writeHead(path: string, text: string): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.from(text, 'latin1'), 0, text.length, 0);
  } finally {
    closeSync(fd);
  }
}

/** The claim behind the VM's `data` volume (a DataVolume's claim has its name). */
function dataClaim(vm: VirtualMachine): string {
  const v = vm.spec?.template?.spec?.volumes?.find((x) => x.name === 'data');
  const claim = v?.dataVolume?.name ?? v?.persistentVolumeClaim?.claimName;
  assert.ok(claim, `the data volume has a claim: ${JSON.stringify(v)}`);
  return claim;
}

const liveSnapshots = async () => (await tcp.client.list<VirtualMachineSnapshot>(R.vmsnapshots, NS)).items.filter((s) => !s.metadata.deletionTimestamp).map((s) => s.metadata.name);
const liveRestores = async () => (await tcp.client.list(R.vmrestores, NS)).items.filter((r) => !r.metadata.deletionTimestamp).map((r) => r.metadata.name);

describe('VirtualMachineClone (TCG agent, no guest boot)', { timeout: 300_000 }, () => {
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    kubectl = makeKubectl(tcp.kubeconfig);
    await tcp.client.create(R.vms, NS, sourceVm);
    await waitFor('the blank DataVolume', 60_000, async () => (await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, DV))?.status?.phase === 'Succeeded' || undefined, 250);
    writeHead(await claimDisk(DV), MARKER);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('clones a VM with its disk: filters, new MAC, no firmware identity, temporaries deleted', async (t) => {
    // A second controller works the same clone at the same time (as a restarted one would pick it
    // up midway): the fixed names of the temporaries keep it to one snapshot, one restore, one copy.
    const twin = new CloneController(tcp.client);
    await twin.start();
    t.after(() => twin.stop());
    await create(cloneYaml('clone1', `  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: ${VM}
  target:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: clonedst
  labelFilters: ["*", "!secret.io/*"]
  newMacAddresses:
    default: "02:aa:bb:cc:dd:01"
`));
    const c = await cloneDone('clone1');
    assert.equal(c.status?.phase, 'Succeeded', JSON.stringify(c.status));
    assert.equal(c.status?.targetName, 'clonedst');
    assert.equal(c.status?.snapshotName, undefined);
    assert.equal(c.status?.restoreName, undefined);
    assert.ok(c.status?.creationTimestamp);
    assert.deepEqual(c.status?.conditions?.map((x) => [x.type, x.status]), [['Progressing', 'False'], ['Ready', 'True']]);

    const dst = await tcp.client.get<VirtualMachine>(R.vms, NS, 'clonedst');
    assert.deepEqual(dst.metadata.labels, { app: 'web' }, 'the excluded label is gone');
    assert.equal(dst.metadata.annotations?.note, 'kept');
    assert.equal(dst.spec?.runStrategy, 'Halted');
    const ifaces = dst.spec?.template?.spec?.domain.devices?.interfaces ?? [];
    assert.deepEqual(ifaces.map((i) => [i.name, i.macAddress]), [['default', '02:aa:bb:cc:dd:01'], ['lan', undefined]]);
    assert.deepEqual(dst.spec?.template?.spec?.domain.firmware, {}, 'no firmware UUID or serial');

    const claim = dataClaim(dst);
    assert.notEqual(claim, DV, 'the clone has its own claim');
    const pvc = await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim);
    assert.equal(pvc.status?.phase, 'Bound');
    assert.notEqual(await claimDisk(claim), await claimDisk(DV));
    assert.equal(readHead(await claimDisk(claim), MARKER.length), MARKER, 'the disk was copied');
    const claims = (await tcp.client.list<PersistentVolumeClaim>(R.pvcs, NS)).items.map((p) => p.metadata.name).sort();
    assert.deepEqual(claims, [DV, claim].sort(), 'one copy, not two');

    await waitFor('the temporary snapshot and restore to go', 30_000, async () => ((await liveSnapshots()).length === 0 && (await liveRestores()).length === 0) || undefined, 250);
    const events = await tcp.client.list<KubeObject & { reason: string; involvedObject: { name: string } }>(R.events, NS);
    const reasons = events.items.filter((e) => e.involvedObject.name === 'clone1').map((e) => e.reason);
    for (const r of ['SnapshotCreated', 'SnapshotReady', 'RestoreCreated', 'RestoreReady', 'TargetVMCreated']) assert.ok(reasons.includes(r), `event ${r} in ${reasons.join(',')}`);

    const table = await kubectl(['get', 'vmclone', 'clone1']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+PHASE\s+SOURCEVIRTUALMACHINE\s+TARGETVIRTUALMACHINE\s*$/m);
    assert.match(table.stdout, /^clone1\s+Succeeded\s+clonesrc\s+clonedst\s*$/m);
  });

  it('clones a VirtualMachineSnapshot into a VM with a generated name, keeping the snapshot', async () => {
    await create(`apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineSnapshot
metadata:
  name: golden
  namespace: ${NS}
spec:
  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: ${VM}
`);
    await waitFor('the golden snapshot', 60_000, async () => (await tcp.client.tryGet<VirtualMachineSnapshot>(R.vmsnapshots, NS, 'golden'))?.status?.readyToUse || undefined, 250);
    await create(cloneYaml('clone2', `  source:
    apiGroup: snapshot.kubevirt.io
    kind: VirtualMachineSnapshot
    name: golden
`));
    const target = (await getClone('clone2'))?.spec?.target?.name ?? '';
    assert.match(target, /^clone-golden-[a-z0-9]{5}$/);
    const c = await cloneDone('clone2');
    assert.equal(c.status?.phase, 'Succeeded', JSON.stringify(c.status));
    const dst = await tcp.client.get<VirtualMachine>(R.vms, NS, target);
    assert.deepEqual(dst.metadata.labels, sourceVm.metadata.labels, 'no filters: every label');
    assert.equal(readHead(await claimDisk(dataClaim(dst)), MARKER.length), MARKER);
    await waitFor('the temporary restore to go', 30_000, async () => (await liveRestores()).length === 0 || undefined, 250);
    assert.deepEqual(await liveSnapshots(), ['golden'], "the user's snapshot stays");
  });

  it('`vireo clone SOURCE TARGET` creates a clone and follows it to Succeeded', async () => {
    const run = await startVireo(tcp.kubeconfig, ['clone', VM, 'clidst', '--new-mac-address', 'lan=02:aa:bb:cc:dd:02']).done;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^virtualmachineclone\.clone\.kubevirt\.io\/clone-to-clidst-[a-z0-9]{5} created$/m);
    assert.match(run.stdout, /: Succeeded$/m);
    const dst = await tcp.client.get<VirtualMachine>(R.vms, NS, 'clidst');
    assert.deepEqual(dst.spec?.template?.spec?.domain.devices?.interfaces?.map((i) => i.macAddress), [undefined, '02:aa:bb:cc:dd:02']);
    const failed = await startVireo(tcp.kubeconfig, ['clone', 'no-such-vm', 'clidst2']).done;
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /failed: VirtualMachine no-such-vm does not exist in namespace default/);
  });

  it('refuses an invalid clone naming the field, and stores nothing', async () => {
    const r = await kubectl(['create', '-f', '-'], { input: cloneYaml('bad', '  source:\n    apiGroup: ""\n    kind: Pod\n    name: web\n') });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /spec\.source\.kind: Unsupported value: "Pod"/);
    assert.equal(await getClone('bad'), undefined);
  });

  it('fails a clone whose source VM does not exist, saying why', async () => {
    await create(cloneYaml('clone3', '  source:\n    apiGroup: kubevirt.io\n    kind: VirtualMachine\n    name: no-such-vm\n  target:\n    apiGroup: kubevirt.io\n    kind: VirtualMachine\n    name: never\n'));
    const c = await cloneDone('clone3', 30_000);
    assert.equal(c.status?.phase, 'Failed');
    const ready = c.status?.conditions?.find((x) => x.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['False', 'Failed', 'VirtualMachine no-such-vm does not exist in namespace default']);
    assert.equal(await tcp.client.tryGet(R.vms, NS, 'never'), undefined);
    const table = await kubectl(['get', 'vmclone', 'clone3']);
    assert.match(table.stdout, /^clone3\s+Failed\s+no-such-vm\s+never\s*$/m);
  });

  it('fails a clone whose target already exists, before copying anything', async () => {
    await create(cloneYaml('clone4', `  source:\n    apiGroup: kubevirt.io\n    kind: VirtualMachine\n    name: ${VM}\n  target:\n    apiGroup: kubevirt.io\n    kind: VirtualMachine\n    name: clonedst\n`));
    const c = await cloneDone('clone4', 30_000);
    assert.equal(c.status?.phase, 'Failed');
    assert.equal(c.status?.conditions?.find((x) => x.type === 'Ready')?.message, 'target VirtualMachine clonedst already exists in namespace default');
    assert.deepEqual(await liveSnapshots(), ['golden']);
  });
});
