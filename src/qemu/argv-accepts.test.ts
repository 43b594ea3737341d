// Proves every golden argv is a command line QEMU 7.2 accepts: each non-error case is started for
// real, with its volume paths swapped for small images made here (qemu-img) and its run-dir paths
// moved into a temp dir, `-S` kept. QEMU must come up paused (QMP query-status says prelaunch, or
// inmigrate for a migration target), expose every device id from argv, and quit cleanly.
// Host-specific substitutions, each reported as a diagnostic: KVM → TCG where KVM cannot run a
// guest (kvm_pvm: `-cpu host` aborts), a unique tap name (or user networking when not root), and
// host port 0 for forwards so parallel runs never collide, and a loop device of this host for each
// block device (host_device) volume.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { buildQemuArgv } from './argv.ts';
import { DEBIAN_OVMF, type LaunchInput, type LaunchPaths } from './launch-spec.ts';
import { escapeOpt } from './qemu-opts.ts';
import { QmpClient } from './qmp.ts';
import { loadCases } from './testdata.ts';
import { spawnQemu, withTempDir } from './testing.ts';

const run = promisify(execFile);
const kvmUsable = existsSync('/dev/kvm') && !existsSync('/sys/module/kvm_pvm');
const canTap = process.getuid?.() === 0 && existsSync('/dev/net/tun');

/**
 * A block device (host_device) volume: a loop device over `file`, or, where this host has none,
 * the file itself with the driver switched back to `file` (said in a diagnostic).
 */
async function blockDevice(t: TestContext, file: string, readOnly: boolean, loops: string[]): Promise<string | undefined> {
  try {
    const dev = (await run('losetup', ['--find', '--show', ...(readOnly ? ['--read-only'] : []), file])).stdout.trim();
    loops.push(dev);
    return dev;
  } catch (e) {
    t.diagnostic(`no loop device (${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}): host_device volume started as a file`);
    return undefined;
  }
}

async function prepare(t: TestContext, input: LaunchInput, argv: string[], dir: string) {
  const swaps: [string, string][] = [];
  /** Golden /dev/loopN → this host's device (or file), swapped in one pass so names never chain. */
  const devices = new Map<string, string>();
  const loops: string[] = [];
  for (const [i, v] of input.volumes.entries()) {
    const path = join(dir, `vol${i}.${v.format}`);
    if (v.backing) {
      const base = join(dir, `base${i}.${v.backing.format}`);
      await run('qemu-img', ['create', '-f', v.backing.format, base, '16M']);
      await run('qemu-img', ['create', '-f', 'qcow2', '-b', base, '-F', v.backing.format, path]);
      if (v.backing.blockDevice) devices.set(v.backing.path, (await blockDevice(t, base, true, loops)) ?? base);
      else swaps.push([v.backing.path, base]);
    } else {
      await run('qemu-img', ['create', '-f', v.format, path, '16M']);
    }
    if (v.blockDevice) devices.set(v.path, (await blockDevice(t, path, v.readOnly, loops)) ?? path);
    else swaps.push([v.path, path]);
  }
  argv = argv.map((a) =>
    a.replace(/driver=host_device,(.*),filename=(\/dev\/loop\d+),/, (m, mid: string, dev: string) => {
      const to = devices.get(dev);
      if (!to) return m;
      return `driver=${to.startsWith('/dev/') ? 'host_device' : 'file'},${mid},filename=${to},`;
    }),
  );
  let swtpm: ReturnType<typeof spawn> | undefined;
  const paths = input.paths as unknown as Record<string, string | undefined>;
  for (const key of Object.keys(paths) as (keyof LaunchPaths)[]) {
    const old = paths[key];
    if (!old) continue;
    const path = join(dir, key);
    swaps.push([old, path]);
    if (key === 'efiVars') {
      const secure = argv.some((a) => a.includes(DEBIAN_OVMF.secureCode));
      copyFileSync(secure ? DEBIAN_OVMF.secureVars : DEBIAN_OVMF.vars, path);
    }
    if (key === 'swtpmSocket') {
      swtpm = spawn('swtpm', ['socket', '--tpm2', '--tpmstate', `dir=${dir}`, '--ctrl', `type=unixio,path=${path}`], { stdio: 'ignore' });
      for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 10));
    }
  }
  // Longest first, so a path is never replaced by a prefix of itself.
  swaps.sort((a, b) => b[0].length - a[0].length);
  let out = argv.map((arg) => swaps.reduce((a, [from, to]) => a.replaceAll(escapeOpt(from), to).replaceAll(from, to), arg));

  if (input.node.accel === 'kvm' && !kvmUsable) {
    t.diagnostic('KVM cannot run guests on this host: started with -accel tcg and -cpu max instead');
    out = out.map((a, i) => (out[i - 1] === '-accel' ? a.replace(/^kvm$/, 'tcg') : out[i - 1] === '-cpu' ? a.replace(/^host\b/, 'max') : a));
  }
  out = out.map((a) => a.replace(/hostfwd=(tcp|udp):127\.0\.0\.1:\d+-/g, 'hostfwd=$1:127.0.0.1:0-'));
  let tapN = 0;
  out = out.map((a) => {
    if (!a.startsWith('tap,')) return a;
    if (canTap) return a.replace(/ifname=[^,]+/, `ifname=vrt${process.pid % 100000}x${tapN++}`);
    t.diagnostic('not root: tap netdev replaced by user networking');
    return `user,${/id=[^,]+/.exec(a)?.[0]}`;
  });
  const stop = async () => {
    swtpm?.kill();
    for (const dev of loops) await run('losetup', ['--detach', dev]);
  };
  return { argv: out, qmpPath: join(dir, 'qmpSocket'), stop };
}

function deviceIds(argv: string[]): string[] {
  return argv
    .filter((_, i) => argv[i - 1] === '-device')
    .map((a) => /(?:^|,)id=([^,]+)/.exec(a)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort();
}

describe('QEMU 7.2 accepts every golden argv', { concurrency: 2 }, () => {
  for (const c of loadCases().filter((x) => !x.error)) {
    test(c.name, async (t) => {
      await withTempDir(async (dir) => {
        const prepared = await prepare(t, c.input, buildQemuArgv(c.input), dir);
        const qemu = spawnQemu(prepared.argv);
        try {
          const early = qemu.exited.then((code) => {
            throw new Error(`QEMU exited (${code}): ${qemu.stderr().trim()}`);
          });
          const client = await Promise.race([QmpClient.connect(prepared.qmpPath, { timeoutMs: 20_000 }), early]);
          const status = await client.execute<{ status: string; running: boolean }>('query-status');
          assert.equal(status.running, false);
          assert.equal(status.status, c.input.incoming ? 'inmigrate' : 'prelaunch');
          const children = await client.execute<{ name: string }[]>('qom-list', { path: '/machine/peripheral' });
          const present = children.map((p) => p.name).filter((n) => !n.startsWith('type'));
          assert.deepEqual(present.sort(), deviceIds(prepared.argv), 'device ids in QEMU vs argv');
          await client.execute('quit');
          early.catch(() => undefined);
          assert.equal(await qemu.exited, 0, qemu.stderr());
          if (qemu.stderr().trim()) t.diagnostic(`stderr: ${qemu.stderr().trim().slice(0, 300)}`);
        } finally {
          await qemu.kill();
          await prepared.stop();
        }
      });
    });
  }
});
