// Add network interface (seed 002's network fields): name, model, network (the pod network or a
// NetworkAttachmentDefinition of the VM's project), the binding the network implies, and a MAC.
// The wizard's NIC rules check it against the VM's NICs as typed.
import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useList } from './use-list.ts';
import { paths } from '../../api/resources.ts';
import type { NetworkAttachmentDefinition, VirtualMachine } from '../../api/types.ts';
import { addNicOps, wizardNicsOf } from '../../config/nics.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { freeName } from '../../wizard/edits.ts';
import { nicProblems } from '../../wizard/nic-rules.ts';
import { bindingOf } from '../../wizard/nics.ts';
import { NIC_MODELS, type WizardNic } from '../../wizard/state.ts';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function AddNicModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const ns = vm.metadata.namespace ?? '';
  const nads = useList<NetworkAttachmentDefinition>(paths.nads(encodeURIComponent(ns))).items.map((n) => n.metadata.name).sort();
  const existing = wizardNicsOf(asConfigVm(vm));
  const podUsed = existing.some((n) => n.network === '');
  // The network until the user picks one: the pod network while no NIC uses it (one per VM), else
  // the first NetworkAttachmentDefinition, whose list may still be loading.
  const [draft, setDraft] = useState<Omit<WizardNic, 'network'> & { network?: string }>(() => ({
    id: '#new',
    name: freeName('nic', existing.map((n) => n.name)),
    model: 'virtio',
    mac: '',
  }));
  const nic: WizardNic = { ...draft, network: draft.network ?? (podUsed ? (nads[0] ?? '') : '') };
  const set = (patch: Partial<WizardNic>) => setDraft((d) => ({ ...d, ...patch }));
  const p = nicProblems(nic, [...existing, nic]);
  const invalid = Object.values(p).some((l) => l.length > 0);
  return (
    <ConfigModal id="nic-modal" title={t('wizard.addNic')} saveLabel={t('wizard.add')} vm={vm} build={invalid ? undefined : (cur) => addNicOps(cur, nic)} onClose={onClose}>
      <FormGroup label={t('wizard.name')} isRequired fieldId="nic-name">
        <TextInput id="nic-name" value={nic.name} validated={p.name.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ name: v })} />
        <FieldProblems id="nic-name-problems" problems={p.name} />
      </FormGroup>
      <FormGroup label={t('wizard.model')} isRequired fieldId="nic-model">
        <FormSelect id="nic-model" value={nic.model} onChange={(_e, v) => set({ model: NIC_MODELS.find((m) => m === v) ?? nic.model })}>
          {NIC_MODELS.map((m) => (
            <FormSelectOption key={m} value={m} label={m} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('wizard.network')} isRequired fieldId="nic-network">
        <FormSelect id="nic-network" value={nic.network} validated={p.network.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ network: v })}>
          <FormSelectOption value="" label={t('wizard.podNetwork')} />
          {nads.map((n) => (
            <FormSelectOption key={n} value={n} label={n} />
          ))}
        </FormSelect>
        <FieldProblems id="nic-network-problems" problems={p.network} />
      </FormGroup>
      <FormGroup label={t('wizard.type')} fieldId="nic-type">
        <span id="nic-type">{t(`wizard.binding.${bindingOf(nic)}`)}</span>
        <FieldProblems id="nic-type-hint" problems={[]} hint={t('wizard.typeHelp')} />
      </FormGroup>
      <FormGroup label={t('wizard.mac')} fieldId="nic-mac">
        <TextInput id="nic-mac" value={nic.mac} placeholder="02:00:00:00:00:01" validated={p.mac.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ mac: v })} />
        <FieldProblems id="nic-mac-problems" problems={p.mac} hint={t('wizard.macHelp')} />
      </FormGroup>
    </ConfigModal>
  );
}
