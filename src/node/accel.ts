// Choose the accelerator for guest QEMUs. An openable /dev/kvm is not proof
// that KVM works: on kvm_pvm hosts QEMU starts with -accel kvm, yet a standard
// Linux guest hangs early in boot. So KVM counts as usable only when a real
// probe guest reaches user space under it.
import { spawn } from 'node:child_process';
import { constants as fsc } from 'node:fs';
import { access, open } from 'node:fs/promises';

export type AccelMode = 'auto' | 'kvm' | 'tcg';

export interface AccelProbe {
  /** Kernel and initramfs of the test guest (scripts/guest/build-test-guest.sh). */
  kernel: string;
  initrd: string;
  timeoutMs?: number;
  qemuBinary?: string;
}

export interface AccelResult {
  accel: 'kvm' | 'tcg';
  kvmUsable: boolean;
  reason: string;
}

/** What the test guest prints on its serial console once /init runs. */
export const GUEST_READY_MARKER = 'VIREO-GUEST-READY';
/** Every probe QEMU carries this in its -name, so leaks can be found. */
export const PROBE_NAME_PREFIX = 'vireo-accel-probe';

const DEFAULT_TIMEOUT_MS = 15_000;

export async function detectAccel(mode: AccelMode, probe: AccelProbe): Promise<AccelResult> {
  if (mode === 'tcg') return { accel: 'tcg', kvmUsable: false, reason: 'tcg requested' };
  const check = await checkKvm(probe);
  if (check.ok) return { accel: 'kvm', kvmUsable: true, reason: check.reason };
  if (mode === 'kvm') throw new Error(`KVM requested but not usable: ${check.reason}`);
  return { accel: 'tcg', kvmUsable: false, reason: check.reason };
}

async function checkKvm(probe: AccelProbe): Promise<{ ok: boolean; reason: string }> {
  try {
    const fh = await open('/dev/kvm', 'r+');
    await fh.close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: '/dev/kvm missing' };
    return { ok: false, reason: `/dev/kvm cannot be opened read-write (${code ?? String(err)})` };
  }
  const pvm = await exists('/sys/module/kvm_pvm');
  const outcome = await bootProbe(probe);
  if (outcome.ok) return { ok: true, reason: `probe guest reached user space under KVM in ${outcome.ms} ms` };
  return { ok: false, reason: `${pvm ? 'kvm_pvm host: ' : ''}${outcome.reason}` };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsc.F_OK);
    return true;
  } catch {
    return false;
  }
}

let probeSeq = 0;

/** Boot the guest under KVM and watch its serial console for the marker. */
function bootProbe(probe: AccelProbe): Promise<{ ok: true; ms: number } | { ok: false; reason: string }> {
  const timeoutMs = probe.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const qemu = probe.qemuBinary ?? 'qemu-system-x86_64';
  const qemuArgs = [
    '-name', `${PROBE_NAME_PREFIX}-${process.pid}-${++probeSeq}`,
    '-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot',
    // -cpu host aborts on kvm_pvm ("failed to set MSR 0x10a"); max does not.
    '-accel', 'kvm', '-cpu', 'max', '-m', '128',
    '-kernel', probe.kernel, '-initrd', probe.initrd,
    '-append', 'console=ttyS0 quiet panic=-1',
    '-serial', 'stdio',
  ];
  // setpriv --pdeathsig: the kernel kills QEMU if this process dies first
  // (SIGTERM, crash), which no handler of ours could guarantee.
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', qemu, ...qemuArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let tail = '';
    let stderr = '';
    const finish = (r: { ok: true; ms: number } | { ok: false; reason: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        child.once('close', () => resolve(r));
      } else {
        resolve(r);
      }
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `probe guest did not reach user space in ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      // Keep a short tail so a marker split across chunks is still found.
      tail = (tail + chunk).slice(-(chunk.length + GUEST_READY_MARKER.length));
      if (tail.includes(GUEST_READY_MARKER)) finish({ ok: true, ms: Date.now() - started });
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('error', (err) => finish({ ok: false, reason: `cannot start probe QEMU: ${err.message}` }));
    // 'close', not 'exit': stdout is drained by then, so a late marker is not missed.
    child.on('close', (code, signal) => {
      const lines = stderr.trim().split('\n');
      const last = lines.find((l) => /error/i.test(l)) ?? lines.pop() ?? '';
      finish({
        ok: false,
        reason: `probe QEMU exited (${signal ?? `code ${code}`}) before user space${last ? `: ${last}` : ''}`,
      });
    });
  });
}
