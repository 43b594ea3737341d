import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { PROBE_NAME_PREFIX, detectAccel } from './accel.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const guestDir = process.env.VIREO_GUEST_DIR ?? join(repo, '.cache/guest');
const kernel = join(guestDir, 'vmlinuz');
const initrd = join(guestDir, 'initramfs.gz');
const guestBuilt = existsSync(kernel) && existsSync(initrd);

function kvmOpenable(): boolean {
  try {
    closeSync(openSync('/dev/kvm', 'r+'));
    return true;
  } catch {
    return false;
  }
}

/** PIDs of live processes whose command line mentions `needle`. */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return pids;
}

// Stand-ins for QEMU so the probe's streaming and cleanup are tested on any
// host. bash's exec -a puts the probe's -name ($2) into the sleeper's argv.
const fakes = mkdtempSync(join(tmpdir(), 'vireo-accel-'));
after(() => rmSync(fakes, { recursive: true, force: true }));
function fakeQemu(name: string, body: string): string {
  const path = join(fakes, name);
  writeFileSync(path, `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  return path;
}
const hangs = fakeQemu('hangs', 'exec -a "fake-qemu $2" sleep 300');
const boots = fakeQemu('boots', 'printf "early\\nVIREO-GUEST-"; sleep 0.2; echo READY; exec -a "fake-qemu $2" sleep 300');

const needKvm = kvmOpenable() ? false : '/dev/kvm cannot be opened read-write here';

describe('detectAccel', () => {
  it('tcg mode returns tcg without probing', async () => {
    const r = await detectAccel('tcg', { kernel: '/nonexistent', initrd: '/nonexistent' });
    assert.deepEqual(r, { accel: 'tcg', kvmUsable: false, reason: 'tcg requested' });
  });

  it('auto falls back to tcg, with the reason, when the probe guest never prints the marker', { skip: needKvm }, async () => {
    const r = await detectAccel('auto', { kernel: '/k', initrd: '/i', qemuBinary: hangs, timeoutMs: 1500 });
    assert.equal(r.accel, 'tcg');
    assert.equal(r.kvmUsable, false);
    assert.match(r.reason, /did not reach user space in 1\.5 s/);
    assert.deepEqual(processesWith(`fake-qemu ${PROBE_NAME_PREFIX}-${process.pid}-`), []);
  });

  it('auto picks kvm when the marker arrives split across writes, and kills the probe', { skip: needKvm }, async () => {
    const r = await detectAccel('auto', { kernel: '/k', initrd: '/i', qemuBinary: boots, timeoutMs: 5000 });
    assert.equal(r.accel, 'kvm');
    assert.equal(r.kvmUsable, true);
    assert.deepEqual(processesWith(`fake-qemu ${PROBE_NAME_PREFIX}-${process.pid}-`), []);
  });

  it('kvm mode throws a clear error when KVM is not usable', { skip: needKvm }, async () => {
    await assert.rejects(
      detectAccel('kvm', { kernel: '/k', initrd: '/i', qemuBinary: hangs, timeoutMs: 1000 }),
      /KVM requested but not usable: .*did not reach user space in 1 s/,
    );
  });

  it('leaves no probe behind when the calling process is killed with SIGTERM', { skip: needKvm }, async () => {
    const script = [
      `import { detectAccel } from ${JSON.stringify(join(repo, 'src/node/accel.ts'))};`,
      `console.log('probing', process.pid);`,
      `await detectAccel('auto', { kernel: '/k', initrd: '/i', qemuBinary: ${JSON.stringify(hangs)}, timeoutMs: 60000 });`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (s: string) => {
        const m = /probing (\d+)/.exec(s);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error('child exited early')));
    });
    const needle = `fake-qemu ${PROBE_NAME_PREFIX}-${pid}-`;
    for (let i = 0; i < 50 && processesWith(needle).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(processesWith(needle).length, 1, 'the probe should be running before SIGTERM');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    for (let i = 0; i < 20 && processesWith(needle).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(processesWith(needle), []);
  });

  it('auto on this host: tcg on kvm_pvm (or without /dev/kvm), with the reason', {
    skip: guestBuilt ? false : `test guest not built: run scripts/guest/build-test-guest.sh ${guestDir}`,
    timeout: 30_000,
  }, async () => {
    const r = await detectAccel('auto', { kernel, initrd });
    if (existsSync('/sys/module/kvm_pvm') || !existsSync('/dev/kvm')) {
      assert.equal(r.accel, 'tcg');
      assert.equal(r.kvmUsable, false);
      assert.match(r.reason, existsSync('/dev/kvm') ? /^kvm_pvm host: / : /\/dev\/kvm missing/);
    } else {
      // A host with working KVM: the probe must have booted.
      assert.equal(r.accel, r.kvmUsable ? 'kvm' : 'tcg');
      assert.ok(r.reason.length > 0);
    }
    assert.deepEqual(processesWith(`${PROBE_NAME_PREFIX}-${process.pid}-`), []);
  });
});
