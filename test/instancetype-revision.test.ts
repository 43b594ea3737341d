// Revision pinning of instance types (KubeVirt's ControllerRevisions): a VM keeps the instance type
// it was first started with — an edit of the instance type changes only VMs created afterwards —
// and its revision goes with the VM. Through the VM controller, with VMIs no node can take (so no
// QEMU starts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ControllerRevision } from '../src/api/apps/controllerrevision.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { waitFor } from './support/vm-e2e.ts';

const ITS = { group: 'instancetype.kubevirt.io', version: 'v1beta1', plural: 'virtualmachineinstancetypes', namespaced: true };
let tcp: TestControlPlane;

const vm = (name: string): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: 'default' },
  spec: {
    runStrategy: 'Always',
    instancetype: { kind: 'VirtualMachineInstancetype', name: 'pin-it' },
    template: {
      spec: {
        nodeSelector: { 'vireo.test/nobody': 'true' },
        domain: { devices: { disks: [{ name: 'root' }] } },
        volumes: [{ name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } }],
      },
    },
  },
});

async function vmiOf(name: string, notUid?: string): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name}`, 20_000, async () => {
    const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, 'default', name);
    return v && v.metadata.uid !== notUid && !v.metadata.deletionTimestamp ? v : undefined;
  });
}

describe('instance type revisions', { timeout: 90_000 }, () => {
  before(async () => {
    tcp = await startControlPlane();
    await tcp.client.create(ITS, 'default', {
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineInstancetype',
      metadata: { name: 'pin-it', namespace: 'default' },
      spec: { cpu: { guest: 1 }, memory: { guest: '128Mi' } },
    });
  });
  after(async () => {
    await tcp?.stop();
  });

  it('pins the first expansion; an edit reaches only VMs created after it; the revision goes with its VM', async () => {
    await tcp.client.create(R.vms, 'default', vm('pinned'));
    const first = await vmiOf('pinned');
    assert.equal(first.spec?.domain?.memory?.guest, '128Mi');
    const pinnedVm = await waitFor('revisionName on the VM', 10_000, async () => {
      const v = await tcp.client.get<VirtualMachine>(R.vms, 'default', 'pinned');
      return v.spec?.instancetype?.revisionName ? v : undefined;
    });
    const revName = pinnedVm.spec!.instancetype!.revisionName!;
    const rev = await tcp.client.get<ControllerRevision>(R.controllerrevisions, 'default', revName);
    assert.equal(rev.metadata.ownerReferences?.[0]?.uid, pinnedVm.metadata.uid);
    assert.deepEqual((rev.data as { spec?: unknown }).spec, { cpu: { guest: 1 }, memory: { guest: '128Mi' } });

    await tcp.client.mergePatch(ITS, 'default', 'pin-it', { spec: { cpu: { guest: 2 }, memory: { guest: '256Mi' } } });
    // A new VMI of the same VM (restart) still gets the pinned values.
    await tcp.client.delete(R.vmis, 'default', 'pinned');
    const second = await vmiOf('pinned', first.metadata.uid);
    assert.equal(second.spec?.domain?.memory?.guest, '128Mi');
    assert.equal(second.spec?.domain?.cpu?.sockets ?? 1, 1);
    // A VM created after the edit gets the new values and its own revision.
    await tcp.client.create(R.vms, 'default', vm('fresh'));
    const fresh = await vmiOf('fresh');
    assert.equal(fresh.spec?.domain?.memory?.guest, '256Mi');
    const freshVm = await tcp.client.get<VirtualMachine>(R.vms, 'default', 'fresh');
    assert.notEqual(freshVm.spec?.instancetype?.revisionName, revName);

    // Revisions are immutable, and deleting the VM takes its revision along.
    await assert.rejects(tcp.client.mergePatch(R.controllerrevisions, 'default', revName, { data: { spec: { memory: { guest: '1Gi' } } } }), /immutable/);
    await tcp.client.delete(R.vms, 'default', 'pinned');
    await waitFor('the revision collected', 30_000, async () => ((await tcp.client.tryGet(R.controllerrevisions, 'default', revName)) === undefined ? true : undefined), 200);
  });
});
