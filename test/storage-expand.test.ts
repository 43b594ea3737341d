// End to end for PVC expansion with the in-process node agent: a blank DataVolume of 64Mi on
// `local` grows to 128Mi (disk.img to the new usable size, PV capacity and the claim's
// status.capacity follow, the Resizing/FileSystemResizePending conditions gone at the end); a
// shrink and a grow on a class without allowVolumeExpansion are refused with Kubernetes' messages;
// and a running tiny guest sees its data disk grow without a restart (QMP block_resize).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { ApiStatusError } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import { usableBytes } from '../src/controllers/storage/protocol.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { NS, guestVm, serialLine, stageGuestImages, vmiRunning } from './support/guest-e2e.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const MiB = 1024 * 1024;
let tcp: TestControlPlane;

function blankDv(name: string, size: string): DataVolume {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: { source: { blank: {} }, storage: { storageClassName: 'local', resources: { requests: { storage: size } } } },
  } as DataVolume;
}

async function diskOf(claim: string): Promise<string> {
  const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, claim)) as PersistentVolumeClaim;
  const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
  return join(pv.spec?.local?.path ?? pv.spec!.hostPath!.path, 'disk.img');
}

const resize = (claim: string, storage: string) => tcp.client.mergePatch(R.pvcs, NS, claim, { spec: { resources: { requests: { storage } } } });

/** The claim at `storage` in status.capacity with no resize condition left. */
function expanded(claim: string, storage: string): Promise<PersistentVolumeClaim> {
  return waitFor(`claim ${claim} expanded to ${storage}`, 60_000, async () => {
    const pvc = await tcp.client.tryGet<PersistentVolumeClaim>(R.pvcs, NS, claim);
    const busy = pvc?.status?.conditions?.some((c) => c.type === 'Resizing' || c.type === 'FileSystemResizePending');
    return pvc?.status?.capacity?.storage === storage && !busy ? pvc : undefined;
  }, 200);
}

async function refused(claim: string, storage: string, message: string): Promise<void> {
  await assert.rejects(resize(claim, storage), (e: unknown) => {
    assert.ok(e instanceof ApiStatusError, String(e));
    assert.equal(e.code, 422);
    assert.ok(e.message.includes(`spec.resources.requests.storage: ${message}`), e.message);
    return true;
  });
}

const SHRINK = 'Forbidden: field can not be less than previous value';
const NO_RESIZE = 'Forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  await stageGuestImages(join(tcp.dataDir, 'images'));
});

after(async () => {
  await tcp?.stop();
});

describe('PVC expansion', { timeout: 600_000 }, () => {
  it('grows a blank 64Mi DataVolume on local to 128Mi: disk.img, PV and claim capacity', async () => {
    await tcp.client.create(R.datavolumes, NS, blankDv('grow', '64Mi'));
    await waitFor('DataVolume grow to succeed', 60_000, async () => (await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, 'grow'))?.status?.phase === 'Succeeded', 200);
    const img = await diskOf('grow');
    assert.equal(statSync(img).size, usableBytes(64 * MiB));
    await resize('grow', '128Mi');
    const pvc = await expanded('grow', '128Mi');
    assert.equal(statSync(img).size, usableBytes(128 * MiB));
    assert.equal(statSync(img).blocks * 512 < MiB, true, 'the grown disk stays sparse');
    assert.equal(pvc.status?.conditions, undefined);
    assert.equal(pvc.status?.allocatedResources?.storage, '128Mi');
    const pv = await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!);
    assert.equal(pv.spec?.capacity?.storage, '128Mi');
  });

  it('refuses a shrink, and a grow where the class does not allow expansion', async () => {
    await refused('grow', '64Mi', SHRINK);
    await tcp.client.create(R.storageclasses, undefined, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fixed' },
      provisioner: 'vireo.io/shared',
      volumeBindingMode: 'Immediate',
    });
    await tcp.client.create(R.pvcs, NS, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'fixed', namespace: NS },
      spec: { storageClassName: 'fixed', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '64Mi' } } },
    });
    await waitFor('claim fixed to bind', 30_000, async () => (await tcp.client.tryGet<PersistentVolumeClaim>(R.pvcs, NS, 'fixed'))?.status?.phase === 'Bound', 200);
    await refused('fixed', '128Mi', NO_RESIZE);
    // The classes Vireo ships allow it.
    for (const name of ['local', 'shared']) assert.equal((await tcp.client.get<{ allowVolumeExpansion?: boolean } & import('../src/machinery/object.ts').KubeObject>(R.storageclasses, undefined, name)).allowVolumeExpansion, true);
  });

  it('a running guest sees its data disk grow without a restart', async () => {
    const sectors = (bytes: number) => String(bytes / 512);
    const vm: VirtualMachine = guestVm('growvm', {
      // Disks: root (vda), cloudinit (vdb), data (vdc); the size in 512-byte sectors, every second.
      run: ['(while :; do echo vireo-vdc-size=$(cat /sys/block/vdc/size); sleep 1; done) &'],
      disks: [{ name: 'data', disk: { bus: 'virtio' } }],
      volumes: [{ name: 'data', dataVolume: { name: 'growvm-data' } }],
    });
    vm.spec!.dataVolumeTemplates = [
      { metadata: { name: 'growvm-data' }, spec: { source: { blank: {} }, storage: { storageClassName: 'local', resources: { requests: { storage: '64Mi' } } } } },
    ];
    await tcp.client.create(R.vms, NS, vm);
    const vmi = await vmiRunning(tcp.client, 'growvm', 180_000);
    const uid = vmi.metadata.uid!;
    await serialLine(tcp.dataDir, uid, new RegExp(`^vireo-vdc-size=${sectors(usableBytes(64 * MiB))}$`, 'm'), 120_000);
    await resize('growvm-data', '128Mi');
    await expanded('growvm-data', '128Mi');
    await serialLine(tcp.dataDir, uid, new RegExp(`^vireo-vdc-size=${sectors(usableBytes(128 * MiB))}$`, 'm'), 60_000);
    const still = await tcp.client.get<VirtualMachineInstance>(R.vmis, NS, 'growvm');
    assert.equal(still.metadata.uid, uid, 'the same VMI: no restart');
    assert.equal(still.status?.phase, 'Running');
    await waitFor('volumeStatus to show the new size', 10_000, async () => {
      const v = await tcp.client.get<VirtualMachineInstance>(R.vmis, NS, 'growvm');
      return v.status?.volumeStatus?.find((s) => s.name === 'data')?.size === usableBytes(128 * MiB) || undefined;
    }, 200);
  });
});
