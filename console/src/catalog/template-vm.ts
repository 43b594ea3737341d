// The VirtualMachine inside a template, typed as far as the catalog reads it: the size the Quick
// create panel shows (CPU, memory, root disk, NICs) and the boot disk's DataVolume template.
import type { DomainSpec, Template } from '../api/types.ts';

export interface DataVolumeTemplate {
  metadata?: { name?: string };
  spec?: {
    sourceRef?: { kind?: string; name?: string; namespace?: string };
    storage?: { resources?: { requests?: { storage?: string } } };
    pvc?: { resources?: { requests?: { storage?: string } } };
  };
}

export interface TemplateVm {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: {
    running?: boolean;
    runStrategy?: string;
    dataVolumeTemplates?: DataVolumeTemplate[];
    template?: {
      spec?: {
        domain?: DomainSpec & { devices?: { disks?: { name: string }[]; interfaces?: { name: string }[] } };
        volumes?: { name: string; dataVolume?: { name: string } }[];
      };
    };
  };
}

export const isVm = (o: Record<string, unknown>): boolean => o.kind === 'VirtualMachine';

export function templateVm(t: Template): TemplateVm | undefined {
  return (t.objects ?? []).find(isVm) as TemplateVm | undefined;
}

/** The boot disk's DataVolume template: the one the first disk's volume uses, else the first. */
export function bootDataVolume(vm: TemplateVm): DataVolumeTemplate | undefined {
  const dvts = vm.spec?.dataVolumeTemplates ?? [];
  const spec = vm.spec?.template?.spec;
  const firstDisk = spec?.domain?.devices?.disks?.[0]?.name;
  const dvName = spec?.volumes?.find((v) => v.name === firstDisk)?.dataVolume?.name;
  return dvts.find((d) => dvName !== undefined && d.metadata?.name === dvName) ?? dvts[0];
}

export interface VmSize {
  cpus: number;
  memory?: string;
  storage?: string;
  disks: number;
  nics: number;
}

export function vmSize(vm: TemplateVm | undefined): VmSize {
  const d = vm?.spec?.template?.spec?.domain;
  const cpu = d?.cpu;
  const dv = vm && bootDataVolume(vm);
  return {
    cpus: (cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1),
    memory: d?.memory?.guest ?? d?.resources?.requests?.memory,
    storage: dv?.spec?.storage?.resources?.requests?.storage ?? dv?.spec?.pvc?.resources?.requests?.storage,
    disks: d?.devices?.disks?.length ?? 0,
    nics: d?.devices?.interfaces?.length ?? 0,
  };
}

/** `128Mi` → `128 MiB`, `1.5Gi` → `1.5 GiB`, as OpenShift's console shows sizes; others unchanged. */
export function readableSize(q: string | undefined): string {
  const m = q?.match(/^([0-9.]+)([KMGTP]i)$/);
  return m ? `${m[1]} ${m[2]}B` : (q ?? '');
}
