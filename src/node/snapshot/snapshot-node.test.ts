import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { restoreFromCopy } from '../../importer/snapshot-restore.ts';
import { sparseCopy } from '../../importer/sparse-copy.ts';
import type { QmpClient } from '../../qemu/qmp.ts';
import { GuestAgentError, type GuestAgentChannel } from '../qga.ts';
import type { Roots } from '../storage/ownership.ts';
import { BlockJobWaiter } from './block-jobs.ts';
import { commitCopy, copyPath, prepareCopy, removeCopies } from './copy-files.ts';
import { quiesce } from './quiesce.ts';

const UID = '66666666-7777-8888-9999-000000000000';
const dir = mkdtempSync(join(tmpdir(), 'vireo-snap-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const roots: Roots = { nodeName: 'n', volumeRoot: join(dir, 'volumes'), sharedRoot: join(dir, 'shared') };
const MiB = 1024 * 1024;

async function sparseFile(path: string, size: number, head: string): Promise<void> {
  const fh = await open(path, 'w');
  await fh.truncate(size);
  await fh.write(head, 0);
  await fh.close();
}

test('a copy is written as .tmp, kept sparse, renamed into place; leftovers of an earlier attempt go first', async () => {
  const src = join(dir, 'disk.img');
  await sparseFile(src, 64 * MiB, 'A\n');
  const dst = copyPath(roots, UID, { volumeName: 'data', shared: false });
  assert.equal(dst, join(roots.volumeRoot, 'snapshots', UID, 'data.img'));
  const tmp = await prepareCopy(dst);
  writeFileSync(tmp, 'left over by a crash');
  writeFileSync(dst, 'an earlier copy');
  assert.equal(await prepareCopy(dst), tmp);
  assert.equal(existsSync(tmp) || existsSync(dst), false);
  await sparseCopy(src, tmp);
  assert.equal(existsSync(dst), false, 'nothing at the final path until the copy is complete');
  await commitCopy(tmp, dst);
  assert.equal(readFileSync(dst).subarray(0, 2).toString(), 'A\n');
  assert.equal(statSync(dst).size, 64 * MiB);
  assert.ok(statSync(dst).blocks * 512 < MiB, 'the copy stays sparse');
  await removeCopies(roots, UID, [{ volumeName: 'data', claimName: 'c', pvName: 'p', node: 'n', shared: false }]);
  assert.equal(existsSync(join(roots.volumeRoot, 'snapshots', UID)), false);
});

test('a restore fills disk.img from the copy at the volume size, and says so when the copy is gone', async () => {
  const copy = join(dir, 'copy.img');
  await sparseFile(copy, 8 * MiB, 'B\n');
  const vol = mkdtempSync(join(dir, 'vol-'));
  await restoreFromCopy({ dir: vol, sizeBytes: 16 * MiB, onProgress: () => undefined }, copy, 'snapshot of volume data');
  assert.equal(readFileSync(join(vol, 'disk.img')).subarray(0, 2).toString(), 'B\n');
  assert.equal(statSync(join(vol, 'disk.img')).size, 16 * MiB);
  await assert.rejects(restoreFromCopy({ dir: vol, sizeBytes: MiB, onProgress: () => undefined }, join(dir, 'nope.img'), 'snapshot of volume data'), /snapshot of volume data: the snapshot's copy .*nope\.img is missing/);
});

function fakeQmp(): QmpClient {
  return new EventEmitter() as unknown as QmpClient;
}

test('the backup jobs are awaited by their completion events; an error or the guest exiting fails the wait', async () => {
  const qmp = fakeQmp();
  const ok = new BlockJobWaiter(qmp, ['j0', 'j1'], { signal: new AbortController().signal, exited: new Promise(() => undefined) });
  qmp.emit('BLOCK_JOB_COMPLETED', { event: 'BLOCK_JOB_COMPLETED', data: { device: 'j0' } });
  qmp.emit('BLOCK_JOB_COMPLETED', { event: 'BLOCK_JOB_COMPLETED', data: { device: 'other' } });
  qmp.emit('BLOCK_JOB_COMPLETED', { event: 'BLOCK_JOB_COMPLETED', data: { device: 'j1' } });
  await ok.done;
  assert.equal((qmp as unknown as EventEmitter).listenerCount('BLOCK_JOB_COMPLETED'), 0);

  const bad = new BlockJobWaiter(qmp, ['j0'], { signal: new AbortController().signal, exited: new Promise(() => undefined) });
  qmp.emit('BLOCK_JOB_COMPLETED', { event: 'BLOCK_JOB_COMPLETED', data: { device: 'j0', error: 'No space left on device' } });
  await assert.rejects(bad.done, /backup failed: job j0: No space left on device/);

  let exit: (v: unknown) => void = () => undefined;
  const gone = new BlockJobWaiter(qmp, ['j0'], { signal: new AbortController().signal, exited: new Promise((r) => (exit = r)) });
  exit(undefined);
  await assert.rejects(gone.done, /the guest stopped before the copy was complete/);
});

function fakeGuest(paused: boolean, answers: Record<string, () => unknown>) {
  const calls: string[] = [];
  const qga = {
    command: async (cmd: string) => {
      calls.push(cmd);
      const a = answers[cmd];
      if (!a) throw new GuestAgentError(`guest agent ${cmd}: no answer (is an agent running in the guest?)`);
      return a();
    },
  } as unknown as GuestAgentChannel;
  return { guest: { paused, qga }, calls };
}

test('quiesce: freeze through an agent that answers, none without one, none for a paused guest; a failed freeze thaws', async () => {
  const withAgent = fakeGuest(false, { 'guest-ping': () => ({}), 'guest-fsfreeze-freeze': () => 2 });
  assert.deepEqual(await quiesce(withAgent.guest), { report: { indication: 'GuestAgent', message: 'froze 2 file system(s)' }, frozen: true });
  const none = await quiesce(fakeGuest(false, {}).guest);
  assert.equal(none.report.indication, 'NoGuestAgent');
  assert.equal(none.frozen, false);
  assert.equal((await quiesce(fakeGuest(true, {}).guest)).report.indication, 'Paused');
  const failing = fakeGuest(false, {
    'guest-ping': () => ({}),
    'guest-fsfreeze-freeze': () => {
      throw new GuestAgentError('guest agent guest-fsfreeze-freeze: GenericError: busy');
    },
    'guest-fsfreeze-thaw': () => 0,
  });
  await assert.rejects(quiesce(failing.guest), /cannot freeze the guest's file systems: .*busy/);
  assert.deepEqual(failing.calls, ['guest-ping', 'guest-fsfreeze-freeze', 'guest-fsfreeze-thaw']);
});
