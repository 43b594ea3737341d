// Loop devices for Block claims, against the real kernel (needs root and /dev/loop-control): a
// guest's device is armed (autoclear) and goes at its release; another guest's device over the
// same file survives that release and goes with its own last opener; an unarmed leftover of an
// interrupted attach is swept; a grown file reaches the device with `losetup -c`. Where this host
// has no loop devices, the attach must fail with a LoopDeviceError (the agent's fallback cue), and
// a failed attach leaves nothing for the release to look for.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { attachGuestLoopDevice, releaseGuestLoopDevices } from './loop-device-guest.ts';
import { LoopDeviceError, loopDeviceBytes, loopDevicesOf, refreshLoopCapacity } from './loop-device.ts';

const root = mkdtempSync(join(tmpdir(), 'vireo-loop-'));
after(() => rmSync(root, { recursive: true, force: true }));

const MiB = 1024 * 1024;
let n = 0;

/** A fresh run dir and a 4 MiB raw file. */
function fixture(): { runDir: string; file: string } {
  const dir = join(root, `case${n++}`);
  const runDir = join(dir, 'run');
  mkdirSync(runDir, { recursive: true });
  const file = join(dir, 'disk.img');
  writeFileSync(file, '');
  truncateSync(file, 4 * MiB);
  return { runDir, file };
}

const loopsUsable = (() => {
  const { file } = fixture();
  try {
    const dev = execFileSync('losetup', ['--find', '--show', file]).toString().trim();
    execFileSync('losetup', ['--detach', dev]);
    return true;
  } catch {
    return false;
  }
})();

describe('loop devices of Block claims', () => {
  it('without loop devices on this host, attaching fails with a LoopDeviceError', { skip: loopsUsable && 'this host has loop devices' }, async () => {
    const { runDir, file } = fixture();
    await assert.rejects(attachGuestLoopDevice(runDir, file, false), LoopDeviceError);
    await releaseGuestLoopDevices(runDir);
    assert.deepEqual(await loopDevicesOf(file), []);
  });

  it('a failed attach is struck out of the record: the release has nothing to look for', async () => {
    const { runDir } = fixture();
    const missing = join(runDir, 'missing', 'disk.img');
    await assert.rejects(attachGuestLoopDevice(runDir, missing, false), (e: unknown) => e instanceof LoopDeviceError && /No such file or directory|loop/.test(e.message));
    assert.equal(readFileSync(join(runDir, 'loop-backing'), 'utf8'), `${missing}\n-${missing}\n`);
    await releaseGuestLoopDevices(runDir);
  });

  it('a guest\'s device is armed over its file and goes at the release', { skip: !loopsUsable && 'no loop devices here (see the test above)' }, async () => {
    const { runDir, file } = fixture();
    const dev = await attachGuestLoopDevice(runDir, file, false);
    assert.match(dev, /^\/dev\/loop\d+$/);
    assert.deepEqual(await loopDevicesOf(file), [{ name: dev, backFile: file, autoclear: true, readOnly: false }]);
    assert.equal(await loopDeviceBytes(dev), 4 * MiB);
    await releaseGuestLoopDevices(runDir);
    assert.deepEqual(await loopDevicesOf(file), []);
  });

  it('the release of one guest leaves another guest\'s device over the same file alone', { skip: !loopsUsable && 'no loop devices here' }, async () => {
    const a = fixture();
    const b = { runDir: join(a.runDir, '..', 'run-b'), file: a.file };
    mkdirSync(b.runDir, { recursive: true });
    const devA = await attachGuestLoopDevice(a.runDir, a.file, false);
    const devB = await attachGuestLoopDevice(b.runDir, b.file, true);
    assert.notEqual(devA, devB, 'each guest has its own device');
    // B's QEMU: opens its device and keeps it while B runs.
    const qemuB = await open(devB, 'r');
    try {
      await releaseGuestLoopDevices(b.runDir); // the agent's hold on B's device ends; B's QEMU still holds it
      await releaseGuestLoopDevices(a.runDir);
      assert.deepEqual((await loopDevicesOf(a.file)).map((d) => d.name), [devB]);
    } finally {
      await qemuB.close();
    }
    assert.deepEqual(await loopDevicesOf(a.file), [], 'B\'s device went with its last opener');
  });

  it('an unarmed leftover over a recorded file is swept at the release', { skip: !loopsUsable && 'no loop devices here' }, async () => {
    const { runDir, file } = fixture();
    writeFileSync(join(runDir, 'loop-backing'), `${file}\n`);
    const leftover = execFileSync('losetup', ['--find', '--show', file]).toString().trim();
    assert.equal((await loopDevicesOf(file))[0]?.autoclear, false);
    await releaseGuestLoopDevices(runDir);
    assert.deepEqual(await loopDevicesOf(file), [], `${leftover} was detached`);
  });

  it('a grown file reaches the device with losetup -c', { skip: !loopsUsable && 'no loop devices here' }, async () => {
    const { runDir, file } = fixture();
    const dev = await attachGuestLoopDevice(runDir, file, false);
    try {
      truncateSync(file, 8 * MiB);
      assert.equal(await loopDeviceBytes(dev), 4 * MiB, 'the device keeps its size until told');
      await refreshLoopCapacity(dev);
      assert.equal(await loopDeviceBytes(dev), 8 * MiB);
    } finally {
      await releaseGuestLoopDevices(runDir);
    }
  });
});
