// A disk with nothing bootable on it: SeaBIOS would retry forever, so the node agent reads the
// firmware's debug log and fails the VMI with the firmware's own reason, ends QEMU, and says so in
// an event — the VM does not sit in Running with a black screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { qemuPids } from './support/guests.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;

describe('boot failures (TCG)', { timeout: 120_000 }, () => {
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  });
  after(async () => {
    await tcp?.stop();
  });

  it('a blank boot disk fails the VMI with the firmware\'s reason and leaves no QEMU', async () => {
    await tcp.client.create(R.vmis, 'default', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: { name: 'noboot', namespace: 'default' },
      spec: {
        domain: { resources: { requests: { memory: '64Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
        volumes: [{ name: 'root', emptyDisk: { capacity: '16Mi' } }],
      },
    });
    const vmi = await waitFor('the VMI Failed', 90_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, 'default', 'noboot');
      return v?.status?.phase === 'Failed' ? v : undefined;
    }, 250);
    const ready = vmi.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.reason, 'BootFailed');
    assert.match(ready?.message ?? '', /^no bootable disk: the firmware found nothing to boot \(.*not a bootable disk.*\)$/);
    const events = await tcp.client.list<KubeObject & { reason?: string; involvedObject?: { name?: string } }>(R.events, 'default');
    assert.ok(events.items.some((e) => e.reason === 'BootFailed' && e.involvedObject?.name === 'noboot'));
    await waitFor('QEMU gone', 20_000, () => qemuPids('guest=default_noboot,').length === 0 || undefined, 250);
  });
});
