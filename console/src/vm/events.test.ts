import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeEvent, VirtualMachine } from '../api/types.ts';
import { eventCount, eventTime, isLauncherPodOf, vmEvents, vmVolumeClaims } from './events.ts';

const vm: VirtualMachine = {
  metadata: { name: 'fedora01', namespace: 'ns' },
  spec: {
    dataVolumeTemplates: [{ metadata: { name: 'fedora01-root' } }],
    template: { spec: { volumes: [{ name: 'root', dataVolume: { name: 'fedora01-root' } }, { name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } }, { name: 'ci' }] } },
  },
};

let rv = 0;
const ev = (kind: string, name: string, reason: string, last: string, extra: Partial<KubeEvent> = {}): KubeEvent => ({
  metadata: { name: `${name}.${reason}`, namespace: 'ns', resourceVersion: String(++rv) },
  involvedObject: { kind, name, namespace: 'ns' },
  reason,
  lastTimestamp: last,
  ...extra,
});

test('the VM, its VMI, its launcher pods, DataVolumes and claims; nothing else', () => {
  const mine = [
    ev('VirtualMachine', 'fedora01', 'SuccessfulDataVolumeCreate', '2026-01-01T00:00:01Z'),
    ev('DataVolume', 'fedora01-root', 'Pending', '2026-01-01T00:00:02Z'),
    ev('PersistentVolumeClaim', 'fedora01-root', 'ProvisioningSucceeded', '2026-01-01T00:00:03Z'),
    ev('VirtualMachineInstance', 'fedora01', 'Scheduled', '2026-01-01T00:00:04Z'),
    ev('Pod', 'virt-launcher-fedora01-x2k9q', 'Created', '2026-01-01T00:00:05Z'),
    ev('PersistentVolumeClaim', 'shared-data', 'Resizing', '2026-01-01T00:00:06Z'),
  ];
  const others = [
    ev('VirtualMachine', 'fedora011', 'SuccessfulCreate', '2026-01-01T00:00:07Z'),
    // Another VM's pod whose name starts like ours.
    ev('Pod', 'virt-launcher-fedora01-b-x2k9q', 'Created', '2026-01-01T00:00:08Z'),
    ev('DataVolume', 'other-root', 'Pending', '2026-01-01T00:00:09Z'),
    ev('VirtualMachineSnapshot', 'fedora01', 'X', '2026-01-01T00:00:10Z'),
    { ...ev('VirtualMachine', 'fedora01', 'Other namespace', '2026-01-01T00:00:11Z'), involvedObject: { kind: 'VirtualMachine', name: 'fedora01', namespace: 'elsewhere' } },
  ];
  const got = vmEvents([...others, ...mine], vm).map((e) => e.reason);
  assert.deepEqual(got, [...mine].reverse().map((e) => e.reason));
});

test('newest first by the last time; the same second by write order', () => {
  const a = ev('VirtualMachineInstance', 'fedora01', 'SuccessfulCreate', '2026-01-01T00:00:05Z');
  const b = ev('VirtualMachineInstance', 'fedora01', 'Started', '2026-01-01T00:00:05Z');
  const old = ev('VirtualMachine', 'fedora01', 'SuccessfulCreate', '2026-01-01T00:00:01Z', { count: 3 });
  assert.deepEqual(vmEvents([old, b, a], vm).map((e) => e.reason), ['Started', 'SuccessfulCreate', 'SuccessfulCreate']);
  assert.equal(eventCount(old), 3);
});

test('the time and count of events.k8s.io-style events (series, eventTime)', () => {
  const e: KubeEvent = { metadata: { name: 'x' }, involvedObject: {}, lastTimestamp: null, eventTime: '2026-01-01T00:00:00.000000Z', series: { count: 4, lastObservedTime: '2026-01-02T00:00:00.000000Z' } };
  assert.equal(eventTime(e), '2026-01-02T00:00:00.000000Z');
  assert.equal(eventCount(e), 4);
  assert.equal(eventTime({ metadata: { name: 'y', creationTimestamp: '2026-01-03T00:00:00Z' }, involvedObject: {} }), '2026-01-03T00:00:00Z');
});

test('launcher pod names follow the agent: 57-character base, 5-character suffix', () => {
  assert.ok(isLauncherPodOf('virt-launcher-vm-abcde', 'vm'));
  assert.ok(!isLauncherPodOf('virt-launcher-vm-abcdef', 'vm'));
  assert.ok(!isLauncherPodOf('virt-launcher-vm2-abcde', 'vm'));
  const long = 'a'.repeat(60);
  const base = `virt-launcher-${long}`.slice(0, 57);
  assert.ok(isLauncherPodOf(`${base}-0a1b2`, long));
  assert.deepEqual([...vmVolumeClaims(vm)].sort(), ['fedora01-root', 'shared-data']);
});
