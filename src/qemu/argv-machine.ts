// Machine type, CPU model, topology and memory.
import { LaunchError } from './launch-error.ts';
import type { LaunchVmiSpec, NodeFacts } from './launch-spec.ts';
import { opts } from './qemu-opts.ts';
import { quantityToMiB } from './quantity.ts';

/**
 * The versioned machine type every VM gets for KubeVirt's `q35` (or none). Pinned, not derived from
 * the node's QEMU, so a VM keeps the same virtual hardware across QEMU upgrades and a migration
 * target built from the same spec matches its source.
 */
export const DEFAULT_MACHINE = 'pc-q35-7.2';

export function machineType(spec: LaunchVmiSpec): string {
  const t = spec.domain?.machine?.type;
  if (t === undefined || t === '' || t === 'q35') return DEFAULT_MACHINE;
  // OpenShift templates name RHEL machine types, which upstream QEMU lacks; they are q35 too.
  if (/^pc-q35-rhel[0-9.]+$/.test(t)) return DEFAULT_MACHINE;
  if (/^pc-q35-[0-9]+\.[0-9]+$/.test(t)) return t;
  throw new LaunchError(`machine type "${t}" is not supported (q35 or pc-q35-X.Y only)`, 'spec.domain.machine.type');
}

export function smmEnabled(spec: LaunchVmiSpec): boolean {
  const smm = spec.domain?.features?.smm;
  return smm !== undefined && smm.enabled !== false;
}

export function machineArg(spec: LaunchVmiSpec): string {
  const acpiOff = spec.domain?.features?.acpi?.enabled === false;
  return opts(machineType(spec), [
    ['smm', smmEnabled(spec)],
    ['acpi', acpiOff ? false : undefined],
    // Guest RAM in a QEMU core dump is large and private.
    ['dump-guest-core', false],
  ]);
}

/**
 * `-accel` (QEMU refuses it together with `-machine accel=`). Under TCG the translation cache is
 * capped at 16 MiB: QEMU's default grows it to 1 GiB, 62 MiB of it resident in an idle tiny guest,
 * where 16 MiB boots it as fast (5.2 s both; 8 MiB took 6.4 s) with 43 MiB less resident.
 */
export function accelArg(node: NodeFacts): string {
  if (node.accel !== 'kvm' && node.accel !== 'tcg') throw new LaunchError(`unknown accelerator "${String(node.accel)}"`);
  return node.accel === 'tcg' ? opts('tcg', [['tb-size', TCG_TB_SIZE_MIB]]) : 'kvm';
}

export const TCG_TB_SIZE_MIB = 16;

const FEATURE = /^[a-z0-9][a-z0-9_.-]*$/i;
const MODEL = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * CPU model mapping:
 * - no model → the cluster's defaultCPUModel if set, else host-model (KubeVirt's default);
 * - host-model / host-passthrough → `host` under KVM (QEMU's `host` is migratable=on by default, so
 *   it filters non-migratable features, the closest to libvirt's host-model without a per-node CPU
 *   expansion) and `max` under TCG (all features TCG emulates). kvm_pvm hosts, where `-cpu host`
 *   aborts, must be probed as `tcg` by the agent and never reach the KVM branch;
 * - named models (Conroe, EPYC, Skylake-Client-IBRS, …) pass through, checked against the node's
 *   list when it has one.
 * Features: force/require → `+name`, disable/forbid → `-name`, optional → nothing.
 */
export function cpuArg(spec: LaunchVmiSpec, node: NodeFacts): string {
  const cpu = spec.domain?.cpu;
  const requested = cpu?.model || node.defaultCPUModel || 'host-model';
  let model: string;
  if (requested === 'host-model' || requested === 'host-passthrough') {
    model = node.accel === 'kvm' ? 'host' : 'max';
  } else {
    if (!MODEL.test(requested)) throw new LaunchError(`invalid CPU model "${requested}"`, 'spec.domain.cpu.model');
    if (node.cpuModels && !node.cpuModels.includes(requested)) {
      throw new LaunchError(`CPU model "${requested}" is not available on this node`, 'spec.domain.cpu.model');
    }
    model = requested;
  }
  const parts = [model];
  (cpu?.features ?? []).forEach((f, i) => {
    const field = `spec.domain.cpu.features[${i}]`;
    if (!FEATURE.test(f.name)) throw new LaunchError(`invalid CPU feature name "${f.name}"`, `${field}.name`);
    const policy = f.policy ?? 'require';
    if (policy === 'force' || policy === 'require') parts.push(`+${f.name}`);
    else if (policy === 'disable' || policy === 'forbid') parts.push(`-${f.name}`);
    else if (policy !== 'optional') throw new LaunchError(`CPU feature "${f.name}": unknown policy "${policy}"`, `${field}.policy`);
  });
  return parts.join(',');
}

export function smpArg(spec: LaunchVmiSpec): string {
  const cpu = spec.domain?.cpu;
  const topo = { sockets: cpu?.sockets ?? 1, cores: cpu?.cores ?? 1, threads: cpu?.threads ?? 1 };
  for (const [k, v] of Object.entries(topo)) {
    if (!Number.isInteger(v) || v < 1) throw new LaunchError(`cpu.${k} must be a positive integer`, `spec.domain.cpu.${k}`);
  }
  return `${topo.sockets * topo.cores * topo.threads},sockets=${topo.sockets},cores=${topo.cores},threads=${topo.threads}`;
}

/**
 * `-m`: the guest's RAM. Under TCG it is padded by 8 KiB (two pages) so the RAM block is not a whole
 * number of 256 KiB. QEMU 7.2 (Debian 12's) syncs the migration dirty bitmap of such a block 64
 * pages at a time and forgets to re-arm TCG's TLB dirty tracking afterwards: stores through cached
 * TLB entries, typically the kernel's global direct map, stop being recorded, and the migrated guest
 * runs on stale pages until it oopses. Upstream fixed it in 2024 (commit 03bfc2188f, "physmem:
 * Fix migration dirty bitmap coherency with TCG memory access"). An odd size takes QEMU's
 * page-by-page path, which re-arms the TLB. KVM tracks dirty pages itself and gets the exact size.
 */
export function memoryArg(spec: LaunchVmiSpec, node: NodeFacts): string {
  const mib = memoryMiB(spec);
  return node.accel === 'tcg' ? `${mib * 1024 + TCG_RAM_PAD_KIB}K` : `${mib}M`;
}

/** See memoryArg: 8 KiB because `-m` is rounded up to 8 KiB. */
export const TCG_RAM_PAD_KIB = 8;

/** memory.guest, else resources.requests.memory, else resources.limits.memory; whole MiB, rounded up. */
export function memoryMiB(spec: LaunchVmiSpec): number {
  const d = spec.domain;
  const candidates: [string, string | number | undefined][] = [
    ['spec.domain.memory.guest', d?.memory?.guest],
    ['spec.domain.resources.requests.memory', d?.resources?.requests?.memory],
    ['spec.domain.resources.limits.memory', d?.resources?.limits?.memory],
  ];
  for (const [field, q] of candidates) {
    if (q === undefined) continue;
    let mib: number;
    try {
      mib = quantityToMiB(q);
    } catch (e) {
      throw new LaunchError((e as Error).message, field);
    }
    if (mib < 1) throw new LaunchError(`memory ${JSON.stringify(q)} is too small`, field);
    return mib;
  }
  throw new LaunchError('no memory size: set spec.domain.memory.guest or spec.domain.resources.requests.memory', 'spec.domain.memory.guest');
}
