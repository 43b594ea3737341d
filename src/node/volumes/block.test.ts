// A Block claim's volume: a loop device with host_device where the node has one; else the raw
// file, never silently: a Warning event BlockVolumeAsFile on the VMI carries losetup's error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import type { KubeObject } from '../../machinery/object.ts';
import { LoopDeviceError } from '../storage/loop-device.ts';
import { BLOCK_AS_FILE_REASON, resolveBlockVolume } from './block.ts';
import type { VolumeContext } from './context.ts';
import type { RunDir } from '../run-dir.ts';

interface RecordedEvent {
  reason: string;
  type: string;
  message: string;
  involvedObject: { name?: string; uid?: string };
}

/** Just what the event recorder calls: no event exists yet, each create is kept. */
function fakeClient(events: RecordedEvent[]): KubeClient {
  const fake = {
    tryGet: () => Promise.resolve(undefined),
    create: (_r: unknown, _ns: string, obj: RecordedEvent) => {
      events.push(obj);
      return Promise.resolve(obj);
    },
  };
  return fake as unknown as KubeClient;
}

function ctx(events: RecordedEvent[]): VolumeContext {
  const vmi: VirtualMachineInstance = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vm1', namespace: 'default', uid: 'u-1' } } as KubeObject as VirtualMachineInstance;
  return { client: fakeClient(events), vmi, run: { dir: '/run/x' } as RunDir, nodeName: 'node1', imageDir: '/i', cacheDir: '/c', pvcs: { imagePath: () => Promise.reject(new Error('unused')) } };
}

const vol = { name: 'data', claimName: 'data-claim', path: '/v/pv-1/disk.img', format: 'raw' as const, readOnly: false, directIO: false };

describe('Block claim volumes', () => {
  it('a loop device: host_device on the device, O_DIRECT, no event', async () => {
    const events: RecordedEvent[] = [];
    const got = await resolveBlockVolume(ctx(events), vol, (runDir, file, ro) => {
      assert.deepEqual([runDir, file, ro], ['/run/x', '/v/pv-1/disk.img', false]);
      return Promise.resolve('/dev/loop7');
    });
    assert.deepEqual(got, { name: 'data', path: '/dev/loop7', format: 'raw', readOnly: false, kind: 'disk', directIO: true, blockDevice: true });
    assert.deepEqual(events, []);
  });

  it('no loop device: the raw file, and a Warning event with losetup\'s error', async () => {
    const events: RecordedEvent[] = [];
    const got = await resolveBlockVolume(ctx(events), vol, () => Promise.reject(new LoopDeviceError('/v/pv-1/disk.img: failed to set up loop device: No such file or directory')));
    assert.deepEqual(got, { name: 'data', path: '/v/pv-1/disk.img', format: 'raw', readOnly: false, kind: 'disk', directIO: false });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'Warning');
    assert.equal(events[0]!.reason, BLOCK_AS_FILE_REASON);
    assert.equal(events[0]!.involvedObject.uid, 'u-1');
    assert.equal(
      events[0]!.message,
      'volume "data": claim data-claim has volumeMode Block, but node node1 could not attach a loop device (losetup: /v/pv-1/disk.img: failed to set up loop device: No such file or directory); QEMU opens /v/pv-1/disk.img as a raw file instead',
    );
  });

  it('any other error is no fallback: it fails the start', async () => {
    const events: RecordedEvent[] = [];
    await assert.rejects(resolveBlockVolume(ctx(events), vol, () => Promise.reject(new Error('EACCES: run dir'))), /EACCES/);
    assert.deepEqual(events, []);
  });
});
