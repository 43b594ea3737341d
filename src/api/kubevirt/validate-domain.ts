// Rules for the virtual hardware (domain) of a VMI spec: memory, CPU, and firmware.
import type { FieldError } from '../../machinery/kind.ts';
import { invalid, required } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import { checkQuantity } from '../common/quantity-field.ts';
import { CPU_FEATURE_POLICIES, IO_THREADS_POLICIES } from './enums.ts';
import { checkEnum } from './validate-enum.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

// OpenShift Virtualization: "limits must be at least 100 MiB greater than requests" — the launcher
// itself needs memory beyond what the guest is given, and a tighter limit gets the VM OOM-killed.
const MIN_MEMORY_LIMIT_HEADROOM = 100 * 2 ** 20;

export interface DomainRuleOptions {
  /** The VM takes its sizes from an instancetype, so the template may leave memory out. */
  hasInstancetype?: boolean;
}

export function validateDomain(spec: VirtualMachineInstanceSpec, at: string, opts: DomainRuleOptions = {}): FieldError[] {
  return [...validateMemory(spec, at, opts), ...validateCpu(spec, at), ...validateFirmware(spec, at)];
}

function validateMemory(spec: VirtualMachineInstanceSpec, at: string, opts: DomainRuleOptions): FieldError[] {
  const d = fieldPath(at, 'domain');
  const res = spec.domain?.resources;
  const reqF = fieldPath(d, 'resources.requests.memory');
  const limF = fieldPath(d, 'resources.limits.memory');
  const guestF = fieldPath(d, 'memory.guest');
  const errs: FieldError[] = [];
  for (const [list, name] of [
    [res?.requests, 'requests'],
    [res?.limits, 'limits'],
  ] as const) {
    for (const [key, q] of Object.entries(list ?? {})) errs.push(...checkQuantity(fieldPath(d, 'resources', name, key), q));
  }
  errs.push(...checkQuantity(guestF, spec.domain?.memory?.guest));

  const req = res?.requests?.memory;
  const lim = res?.limits?.memory;
  if (req === undefined && lim === undefined && spec.domain?.memory?.guest === undefined && !opts.hasInstancetype) {
    errs.push(required(reqF, `${reqF}: the VM needs memory: set ${reqF}, ${limF} or ${guestF}, or use an instancetype`));
  }
  const reqN = tryParseQuantity(req);
  const limN = tryParseQuantity(lim);
  if (reqN !== undefined && limN !== undefined && limN - reqN < MIN_MEMORY_LIMIT_HEADROOM) {
    errs.push(
      invalid(
        limF,
        `${limF} (${lim}) must be at least 100Mi greater than ${reqF} (${req}): the limit must leave room for the VM's own overhead`,
      ),
    );
  }
  const cpuReq = tryParseQuantity(res?.requests?.cpu);
  const cpuLim = tryParseQuantity(res?.limits?.cpu);
  if (cpuReq !== undefined && cpuLim !== undefined && cpuReq > cpuLim) {
    const f = fieldPath(d, 'resources.requests.cpu');
    errs.push(invalid(f, `${f} (${res?.requests?.cpu}) must not be greater than ${fieldPath(d, 'resources.limits.cpu')} (${res?.limits?.cpu})`));
  }
  return errs;
}

function validateCpu(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const c = fieldPath(at, 'domain.cpu');
  const cpu = spec.domain?.cpu;
  const errs: FieldError[] = [];
  for (const key of ['cores', 'sockets', 'threads'] as const) {
    const v = cpu?.[key];
    if (v !== undefined && v < 1) errs.push(invalid(fieldPath(c, key), `${fieldPath(c, key)}: must be at least 1 (got ${v})`));
  }
  (cpu?.features ?? []).forEach((feature, i) => {
    errs.push(...checkEnum(fieldPath(indexPath(fieldPath(c, 'features'), i), 'policy'), feature.policy, CPU_FEATURE_POLICIES));
  });
  errs.push(...checkEnum(fieldPath(at, 'domain.ioThreadsPolicy'), spec.domain?.ioThreadsPolicy, IO_THREADS_POLICIES));
  return errs;
}

function validateFirmware(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const d = fieldPath(at, 'domain');
  const bootloader = spec.domain?.firmware?.bootloader;
  const errs: FieldError[] = [];
  if (bootloader?.bios && bootloader.efi) {
    const f = fieldPath(d, 'firmware.bootloader');
    errs.push(invalid(f, `${f}: choose one of bios and efi, not both`));
  }
  // As in KubeVirt, secureBoot defaults to true under efi, and smm: {} counts as enabled.
  const efi = bootloader?.efi;
  const secureBoot = efi !== undefined && efi.secureBoot !== false;
  const smm = spec.domain?.features?.smm;
  const smmEnabled = smm !== undefined && smm.enabled !== false;
  if (secureBoot && !smmEnabled) {
    const f = fieldPath(d, 'features.smm.enabled');
    errs.push(
      invalid(
        f,
        `${f}: must be true because ${fieldPath(d, 'firmware.bootloader.efi.secureBoot')} is ${efi?.secureBoot === true ? 'true' : 'true by default'}: ` +
          `EFI secure boot requires SMM (System Management Mode). Set features.smm.enabled: true, or secureBoot: false`,
      ),
    );
  }
  return errs;
}
