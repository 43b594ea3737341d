// Add disk (seed 002's storage fields): source (blank, URL, registry, PVC clone, existing PVC,
// container), name, size, drive, interface, storage class and, under Advanced, volume and access
// mode. The wizard's disk rules check it as typed; a new PVC becomes a DataVolume template.
import { ExpandableSection, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { addDiskOps, newDisk, takenDiskNames } from '../../config/disks.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { diskProblems, sized } from '../../wizard/disk-rules.ts';
import { ACCESS_MODES, ADDABLE_DISK_SOURCES, DISK_BUSES, DISK_TYPES, DISK_UNITS, VOLUME_MODES, type WizardDisk } from '../../wizard/state.ts';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { SizeInput } from '../wizard/SizeInput.tsx';
import { ClaimSelect } from './ClaimSelect.tsx';
import { ConfigModal } from './ConfigModal.tsx';
import { StorageClassSelect } from './StorageClassSelect.tsx';

export function AddDiskModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [draft, setDraft] = useState<WizardDisk>(() => newDisk(asConfigVm(vm)));
  const set = (patch: Partial<WizardDisk>) => setDraft((d) => ({ ...d, ...patch }));
  const p = diskProblems(draft, [draft], takenDiskNames(asConfigVm(vm)));
  const invalid = Object.values(p).some((l) => l.length > 0);
  const namespace = vm.metadata.namespace ?? '';
  return (
    <ConfigModal id="disk-modal" title={t('wizard.addDisk')} saveLabel={t('wizard.add')} vm={vm} build={invalid ? undefined : (cur) => addDiskOps(cur, draft)} onClose={onClose}>
      <FormGroup label={t('wizard.source')} isRequired fieldId="disk-source">
        <FormSelect id="disk-source" value={draft.source} onChange={(_e, v) => set({ source: ADDABLE_DISK_SOURCES.find((s) => s === v) ?? draft.source })}>
          {ADDABLE_DISK_SOURCES.map((s) => (
            <FormSelectOption key={s} value={s} label={t(`wizard.diskSource.${s}`)} />
          ))}
        </FormSelect>
      </FormGroup>
      {draft.source === 'url' && (
        <FormGroup label={t('wizard.url')} isRequired fieldId="disk-url">
          <TextInput id="disk-url" value={draft.url} validated={p.url.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ url: v })} />
          <FieldProblems id="disk-url-problems" problems={p.url} />
        </FormGroup>
      )}
      {(draft.source === 'registry' || draft.source === 'container') && (
        <FormGroup label={t('wizard.image')} isRequired fieldId="disk-image">
          <TextInput id="disk-image" value={draft.image} validated={p.image.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ image: v })} />
          <FieldProblems id="disk-image-problems" problems={p.image} />
        </FormGroup>
      )}
      {draft.source === 'clonePvc' && <ClaimSelect id="disk-pvc" namespace={draft.pvcNamespace} name={draft.pvcName} problems={p.pvc} onChange={(pvcNamespace, pvcName) => set({ pvcNamespace, pvcName })} />}
      {draft.source === 'pvc' && <ClaimSelect id="disk-pvc" namespace={namespace} name={draft.pvcName} fixedNamespace={namespace} problems={p.pvc} onChange={(_ns, pvcName) => set({ pvcName })} />}
      <FormGroup label={t('wizard.name')} isRequired fieldId="disk-name">
        <TextInput id="disk-name" value={draft.name} validated={p.name.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ name: v })} />
        <FieldProblems id="disk-name-problems" problems={p.name} />
      </FormGroup>
      {sized(draft) && (
        <FormGroup label={t('wizard.size')} isRequired fieldId="disk-size">
          <SizeInput id="disk-size" size={draft.size} units={DISK_UNITS} invalid={p.size.length > 0} unitLabel={t('wizard.sizeUnit')} onChange={(size) => set({ size })} />
          <FieldProblems id="disk-size-problems" problems={p.size} />
        </FormGroup>
      )}
      <FormGroup label={t('wizard.type')} fieldId="disk-type">
        <FormSelect
          id="disk-type"
          value={draft.type}
          onChange={(_e, v) => {
            const type = DISK_TYPES.find((x) => x === v) ?? draft.type;
            // A CD-ROM cannot sit on virtio: move it to SATA rather than leave an error.
            set({ type, bus: type === 'cdrom' && draft.bus === 'virtio' ? 'sata' : draft.bus });
          }}
        >
          {DISK_TYPES.map((x) => (
            <FormSelectOption key={x} value={x} label={t(`wizard.diskType.${x}`)} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('wizard.interface')} isRequired fieldId="disk-bus">
        <FormSelect id="disk-bus" value={draft.bus} validated={p.bus.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ bus: DISK_BUSES.find((b) => b === v) ?? draft.bus })}>
          {DISK_BUSES.map((b) => (
            <FormSelectOption key={b} value={b} label={b} />
          ))}
        </FormSelect>
        <FieldProblems id="disk-bus-problems" problems={p.bus} />
      </FormGroup>
      {sized(draft) && (
        <>
          <FormGroup label={t('wizard.storageClass')} fieldId="disk-storage-class">
            <StorageClassSelect id="disk-storage-class" value={draft.storageClass} onChange={(storageClass) => set({ storageClass })} />
          </FormGroup>
          <ExpandableSection toggleText={t('wizard.advancedStorage')} id="disk-advanced">
            <FormGroup label={t('wizard.volumeMode')} fieldId="disk-volume-mode">
              <FormSelect id="disk-volume-mode" value={draft.volumeMode} onChange={(_e, v) => set({ volumeMode: VOLUME_MODES.find((m) => m === v) ?? '' })}>
                {VOLUME_MODES.map((m) => (
                  <FormSelectOption key={m || 'default'} value={m} label={m || t('wizard.modeDefault')} />
                ))}
              </FormSelect>
              <FieldProblems id="disk-volume-mode-hint" problems={[]} hint={t('wizard.volumeModeHelp')} />
            </FormGroup>
            <FormGroup label={t('wizard.accessMode')} fieldId="disk-access-mode">
              <FormSelect id="disk-access-mode" value={draft.accessMode} onChange={(_e, v) => set({ accessMode: ACCESS_MODES.find((m) => m === v) ?? '' })}>
                {ACCESS_MODES.map((m) => (
                  <FormSelectOption key={m || 'default'} value={m} label={m ? t(`wizard.accessMode.${m}`) : t('wizard.modeDefault')} />
                ))}
              </FormSelect>
            </FormGroup>
          </ExpandableSection>
        </>
      )}
    </ConfigModal>
  );
}
