// What a VirtualMachineRestore makes, as KubeVirt's restore controller makes it. Pure, so each
// object is unit-tested:
// - one new claim per volume backup, named restore-<restore uid>-<volume> (or as the restore's
//   volumeRestorePolicy / overrides say), filled by the node agent from the snapshot's copy;
// - the VM spec from the snapshot, its volumes pointed at the new claims: a persistentVolumeClaim
//   volume gets the new claim; a dataVolume from a dataVolumeTemplate gets a template of the new
//   name (its DataVolume adopts the new claim, CDI's "prePopulated"); any other dataVolume becomes
//   a persistentVolumeClaim volume;
// - an existing VM keeps its run strategy; a new one is created stopped.
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import type { VirtualMachineRestore, VirtualMachineSnapshotContent, VolumeBackup, VolumeRestore } from '../../api/snapshot/index.ts';
import { applyJsonPatch } from '../../machinery/patch.ts';
import { POPULATE_REQUEST_ANNOTATION, SELECTED_NODE_ANNOTATION, type SnapshotPopulate } from '../storage/protocol.ts';
import type { BackupVolume } from './protocol.ts';

export const LAST_RESTORE_ANNOTATION = 'restore.kubevirt.io/lastRestoreUID';
export const RESTORE_NAME_ANNOTATION = 'restore.kubevirt.io/name';
export const SOURCE_VM_NAME_LABEL = 'restore.kubevirt.io/source-vm-name';
export const SOURCE_VM_NAMESPACE_LABEL = 'restore.kubevirt.io/source-vm-namespace';
/** CDI's: the claim was filled for this DataVolume, which adopts it. */
export const POPULATED_FOR_ANNOTATION = 'cdi.kubevirt.io/storage.populatedFor';
export const PRE_POPULATED_ANNOTATION = 'cdi.kubevirt.io/storage.prePopulated';

type SnapshotVm = NonNullable<NonNullable<VirtualMachineSnapshotContent['spec']>['source']['virtualMachine']>;
type Volume = NonNullable<NonNullable<NonNullable<VirtualMachine['spec']>['template']['spec']>['volumes']>[number];

export const lastRestoreValue = (r: VirtualMachineRestore) => `${r.metadata.name}-${r.metadata.uid}`;
export const restoredBy = (r: VirtualMachineRestore, vm: VirtualMachine) => vm.metadata.annotations?.[LAST_RESTORE_ANNOTATION] === lastRestoreValue(r);

/** KubeVirt's naming: an override, then the policy, then restore-<uid>-<volume>. */
export function restoreVolumeName(r: VirtualMachineRestore, volumeName: string): string {
  const override = r.spec?.volumeRestoreOverrides?.find((o) => o.volumeName === volumeName && o.restoreName);
  if (override?.restoreName) return override.restoreName;
  if (r.spec?.volumeRestorePolicy === 'PrefixTargetName') return `${r.spec.target.name}-${volumeName}`;
  return `restore-${r.metadata.uid}-${volumeName}`;
}

const templateNames = (vm: SnapshotVm) => new Set((vm.spec.dataVolumeTemplates ?? []).map((t) => t.metadata.name));

export function plannedRestores(r: VirtualMachineRestore, content: VirtualMachineSnapshotContent): VolumeRestore[] {
  const vm = content.spec?.source.virtualMachine;
  const templates = vm ? templateNames(vm) : new Set<string | undefined>();
  return (content.spec?.volumeBackups ?? []).map((b) => {
    const name = restoreVolumeName(r, b.volumeName);
    const dv = vm?.spec.template.spec?.volumes?.find((v) => v.name === b.volumeName)?.dataVolume?.name;
    return {
      volumeName: b.volumeName,
      persistentVolumeClaim: name,
      volumeSnapshotName: b.volumeSnapshotName ?? b.volumeName,
      ...(dv && templates.has(dv) ? { dataVolumeName: name } : {}),
    };
  });
}

/** Annotations that belong to the old claim's provisioning and population, not to the new one. */
const DROPPED_PREFIXES = ['pv.kubernetes.io', 'volume.beta.kubernetes.io', 'cdi.kubevirt.io', 'volume.kubernetes.io', 'k8s.io/CloneRequest', 'k8s.io/CloneOf', 'vireo.io/'];

export function restoreClaim(r: VirtualMachineRestore, backup: VolumeBackup, vr: VolumeRestore, where: BackupVolume, contentUid: string, sourceVm: { name?: string; namespace?: string }): PersistentVolumeClaim {
  const src = backup.persistentVolumeClaim;
  const annotations = Object.fromEntries(Object.entries(src.metadata?.annotations ?? {}).filter(([k]) => !DROPPED_PREFIXES.some((p) => k.startsWith(p))));
  const override = r.spec?.volumeRestoreOverrides?.find((o) => o.volumeName === backup.volumeName);
  const populate: SnapshotPopulate = { kind: 'snapshot', contentUid, volumeName: backup.volumeName, shared: where.shared };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: vr.persistentVolumeClaim,
      namespace: r.metadata.namespace,
      labels: { ...src.metadata?.labels, [SOURCE_VM_NAME_LABEL]: sourceVm.name ?? '', [SOURCE_VM_NAMESPACE_LABEL]: sourceVm.namespace ?? '', ...override?.labels },
      annotations: {
        ...annotations,
        ...override?.annotations,
        [RESTORE_NAME_ANNOTATION]: r.metadata.name!,
        [LAST_RESTORE_ANNOTATION]: lastRestoreValue(r),
        [POPULATE_REQUEST_ANNOTATION]: JSON.stringify(populate),
        // The copy is on this node (or on the shared root it sees): the new volume goes there.
        [SELECTED_NODE_ANNOTATION]: where.node,
        ...(vr.dataVolumeName ? { [POPULATED_FOR_ANNOTATION]: vr.dataVolumeName } : {}),
      },
    },
    spec: {
      ...(src.spec?.accessModes ? { accessModes: src.spec.accessModes } : {}),
      ...(src.spec?.resources ? { resources: src.spec.resources } : {}),
      ...(src.spec?.volumeMode ? { volumeMode: src.spec.volumeMode } : {}),
      ...(src.spec?.storageClassName !== undefined ? { storageClassName: src.spec.storageClassName } : {}),
    },
  };
}

function restoredVolume(v: Volume, restores: VolumeRestore[], templates: Set<string | undefined>): Volume {
  const vr = restores.find((x) => x.volumeName === v.name);
  if (!vr || !(v.dataVolume || v.persistentVolumeClaim)) return v;
  if (v.persistentVolumeClaim) return { ...v, persistentVolumeClaim: { ...v.persistentVolumeClaim, claimName: vr.persistentVolumeClaim } };
  if (v.dataVolume && templates.has(v.dataVolume.name) && vr.dataVolumeName) return { ...v, dataVolume: { ...v.dataVolume, name: vr.dataVolumeName } };
  return { name: v.name, persistentVolumeClaim: { claimName: vr.persistentVolumeClaim } };
}

/** The target VM after the restore: the existing one updated, or a new one (stopped, patched). */
export function restoredVm(r: VirtualMachineRestore, snapVm: SnapshotVm, target: VirtualMachine | undefined, restores: VolumeRestore[]): VirtualMachine {
  const spec = structuredClone(snapVm.spec);
  const templates = templateNames(snapVm);
  spec.dataVolumeTemplates = spec.dataVolumeTemplates?.map((t) => {
    const used = spec.template.spec?.volumes?.find((v) => v.dataVolume?.name === t.metadata.name);
    const vr = used && restores.find((x) => x.volumeName === used.name && x.dataVolumeName);
    return vr ? { ...t, metadata: { ...t.metadata, name: vr.dataVolumeName } } : t;
  });
  if (!spec.dataVolumeTemplates?.length) delete spec.dataVolumeTemplates;
  if (spec.template.spec?.volumes) spec.template.spec.volumes = spec.template.spec.volumes.map((v) => restoredVolume(v, restores, templates));
  if (target) {
    // An existing VM keeps the run strategy it has.
    if (target.spec?.running !== undefined) {
      spec.running = false;
      delete spec.runStrategy;
    } else {
      spec.runStrategy = target.spec?.runStrategy ?? 'Halted';
      delete spec.running;
    }
    return { ...target, metadata: { ...target.metadata, annotations: { ...target.metadata.annotations, [LAST_RESTORE_ANNOTATION]: lastRestoreValue(r) } }, spec };
  }
  if (spec.running !== undefined) spec.running = false;
  else spec.runStrategy = 'Halted';
  const vm: VirtualMachine = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: r.spec!.target.name,
      namespace: r.metadata.namespace,
      ...(snapVm.metadata?.labels ? { labels: { ...snapVm.metadata.labels } } : {}),
      annotations: { ...snapVm.metadata?.annotations, [LAST_RESTORE_ANNOTATION]: lastRestoreValue(r) },
    },
    spec,
  };
  const patches = (r.spec?.patches ?? []).map((p) => JSON.parse(p) as unknown);
  return patches.length ? (applyJsonPatch(vm, patches) as VirtualMachine) : vm;
}

/** DataVolumes of the old templates the restored VM no longer has: KubeVirt deletes them. */
export function obsoleteDataVolumes(old: VirtualMachine | undefined, restored: VirtualMachine): string[] {
  const keep = new Set((restored.spec?.dataVolumeTemplates ?? []).map((t) => t.metadata.name));
  return (old?.spec?.dataVolumeTemplates ?? []).map((t) => t.metadata.name!).filter((n) => !keep.has(n));
}
