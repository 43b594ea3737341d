// What the node reports about its host: CPUs, memory, kernel, OS, QEMU version, and which CPU
// models and features guests can get. The CPU facts come from QEMU itself (QMP
// query-cpu-definitions / query-cpu-model-expansion on a throwaway `-machine none` QEMU with the
// chosen accelerator), so a named model is listed only when QEMU can really offer it here; they are
// cached in the data dir per QEMU version and accelerator.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QmpClient } from '../qemu/qmp.ts';
import { QEMU_BINARY, killHard, spawnDetached } from './process.ts';

const exec = promisify(execFile);

export interface HostFacts {
  cpus: number;
  memoryBytes: number;
  kernelVersion: string;
  osImage: string;
  qemuVersion: string;
}

export interface CpuFacts {
  /** Named models with no unavailable features under the accelerator. */
  models: string[];
  /** CPUID features of the `max` model. */
  features: string[];
}

export async function hostFacts(): Promise<HostFacts> {
  let osImage = 'Linux';
  try {
    const rel = await readFile('/etc/os-release', 'utf8');
    osImage = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(rel)?.[1] ?? osImage;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const { stdout } = await exec(QEMU_BINARY, ['--version']);
  const qemuVersion = /version ([0-9][^\s]*)/.exec(stdout)?.[1] ?? 'unknown';
  return { cpus: os.cpus().length, memoryBytes: os.totalmem(), kernelVersion: os.release(), osImage, qemuVersion };
}

export async function cpuFacts(dataDir: string, accel: 'kvm' | 'tcg', qemuVersion: string): Promise<CpuFacts> {
  const cacheFile = join(dataDir, `cpu-facts-${accel}-${qemuVersion}.json`);
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as CpuFacts;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
  }
  const facts = await queryQemuCpus(accel);
  await writeFile(cacheFile, JSON.stringify(facts));
  return facts;
}

async function queryQemuCpus(accel: 'kvm' | 'tcg'): Promise<CpuFacts> {
  const dir = await mkdtemp(join(os.tmpdir(), 'vireo-cpuq-'));
  const sock = join(dir, 'qmp.sock');
  const child = spawnDetached(QEMU_BINARY, ['-machine', 'none', '-accel', accel, '-nodefaults', '-display', 'none', '-qmp', `unix:${sock},server=on,wait=off`], join(dir, 'qemu.log'));
  try {
    const qmp = await QmpClient.connect(sock, { timeoutMs: 10_000 });
    try {
      const defs = await qmp.execute<{ name: string; 'unavailable-features'?: string[]; deprecated?: boolean }[]>('query-cpu-definitions');
      // Versioned aliases (Nehalem-v1) and ancient 32-bit models add noise, not choices.
      const models = defs
        .filter((d) => (d['unavailable-features'] ?? []).length === 0 && !d.deprecated && !['base', 'max', 'host'].includes(d.name))
        .map((d) => d.name)
        .sort();
      // A static expansion lists CPUID features only (no QEMU knobs such as `check` or `migratable`).
      const exp = await qmp.execute<{ model: { props?: Record<string, unknown> } }>('query-cpu-model-expansion', { type: 'static', model: { name: 'max' } });
      const features = Object.entries(exp.model.props ?? {}).filter(([, v]) => v === true).map(([k]) => k).sort();
      return { models, features };
    } finally {
      await qmp.execute('quit').catch(() => undefined);
      await qmp.close();
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) killHard(child.pid);
    await rm(dir, { recursive: true, force: true });
  }
}
