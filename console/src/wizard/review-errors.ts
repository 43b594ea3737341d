// A failed create's `Status` causes placed on the Review step's summary: each cause's field path
// (in the VM that was posted) is traced back to the wizard row it came from — the name, CPU or
// memory of General, a NIC, a disk, cloud-init or the eviction strategy — so the message shows
// next to what the user set. Causes no row owns are kept for the error list; none is dropped.
import type { StatusCause } from '../api/types.ts';
import { causeText } from '../yaml/causes.ts';
import type { WizardState } from './state.ts';
import { isCloudInit, type WizardVm } from './vm-shape.ts';

export type RowKey = string;

const index = (field: string, re: RegExp): number | undefined => {
  const m = field.match(re);
  return m ? Number(m[1]) : undefined;
};

function diskRow(name: string | undefined, vm: WizardVm, state: WizardState): RowKey | undefined {
  if (name === undefined) return undefined;
  if (isCloudInit(vm.spec.template.spec.volumes?.find((v) => v.name === name))) return 'advanced:cloudinit';
  const d = state.disks.find((x) => x.name === name);
  return d && `disk:${d.id}`;
}

function nicRow(name: string | undefined, state: WizardState): RowKey | undefined {
  const n = name === undefined ? undefined : state.nics.find((x) => x.name === name);
  return n && `nic:${n.id}`;
}

/** The summary row a field of the posted VM belongs to. */
export function causeRow(field: string, vm: WizardVm, state: WizardState): RowKey | undefined {
  if (/^metadata\.name\b/.test(field)) return 'general:name';
  if (/^metadata\.namespace\b/.test(field)) return 'general:project';
  if (/^metadata\.annotations\b/.test(field)) return 'general:description';
  if (/^spec\.(runStrategy|running)\b/.test(field)) return 'general:start';
  const spec = vm.spec.template.spec;
  const dvt = index(field, /^spec\.dataVolumeTemplates\[(\d+)\]/);
  if (dvt !== undefined) {
    const dvName = vm.spec.dataVolumeTemplates?.[dvt]?.metadata.name;
    return diskRow(spec.volumes?.find((v) => v.dataVolume?.name === dvName)?.name, vm, state);
  }
  const f = field.replace(/^spec\.template\.spec\./, '');
  if (f === field) return undefined;
  const disk = index(f, /^domain\.devices\.disks\[(\d+)\]/);
  if (disk !== undefined) return diskRow(spec.domain.devices?.disks?.[disk]?.name, vm, state);
  const volume = index(f, /^volumes\[(\d+)\]/);
  if (volume !== undefined) return diskRow(spec.volumes?.[volume]?.name, vm, state);
  const iface = index(f, /^domain\.devices\.interfaces\[(\d+)\]/);
  if (iface !== undefined) return nicRow(spec.domain.devices?.interfaces?.[iface]?.name, state);
  const net = index(f, /^networks\[(\d+)\]/);
  if (net !== undefined) return nicRow(spec.networks?.[net]?.name, state);
  if (f.startsWith('domain.cpu')) return 'general:cpu';
  if (/^domain\.(memory|resources)/.test(f)) return 'general:memory';
  if (f.startsWith('hostname')) return 'advanced:hostname';
  if (f.startsWith('evictionStrategy')) return 'advanced:eviction';
  return undefined;
}

export interface PlacedCauses {
  /** Row → the messages to show on it. */
  byRow: Map<RowKey, string[]>;
  /** Every cause's text, in order, for the error list (placed ones included). */
  all: { text: string; field?: string; row?: RowKey }[];
}

export function placeCauses(causes: readonly StatusCause[], vm: WizardVm, state: WizardState): PlacedCauses {
  const byRow = new Map<RowKey, string[]>();
  const all = causes.map((c) => {
    const text = causeText(c);
    const row = c.field ? causeRow(c.field, vm, state) : undefined;
    if (row) byRow.set(row, [...(byRow.get(row) ?? []), text]);
    return { text, field: c.field || undefined, row };
  });
  return { byRow, all };
}
