// Add or edit a network interface (seed 002's network fields): name, model (virtio or e1000e),
// network (the pod network or a NetworkAttachmentDefinition of the project), the binding type the
// network implies, and an optional MAC address. Save stays disabled while a field is wrong.
import { Button, Form, FormGroup, FormSelect, FormSelectOption, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useT } from '../../context.tsx';
import { nicProblems } from '../../wizard/nic-rules.ts';
import { bindingOf } from '../../wizard/nics.ts';
import { NIC_MODELS, type WizardNic } from '../../wizard/state.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { useWizardModel } from './wizard-model.ts';

interface Props {
  nic: WizardNic;
  isNew: boolean;
  onSave: (nic: WizardNic) => void;
  onClose: () => void;
}

export function NicModal({ nic, isNew, onSave, onClose }: Props) {
  const { t } = useT();
  const { state, data } = useWizardModel();
  const [draft, setDraft] = useState(nic);
  const others = state.nics.filter((n) => n.id !== draft.id);
  const p = nicProblems(draft, [...others, draft]);
  const invalid = Object.values(p).some((l) => l.length > 0);
  // A network the template names but the project lacks still shows, so editing keeps it.
  const networks = [...new Set([...data.nads, ...(draft.network ? [draft.network] : [])])];
  const set = (patch: Partial<WizardNic>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <Modal id="nic-modal" variant="small" isOpen onClose={onClose} aria-labelledby="nic-modal-title">
      <ModalHeader title={t(isNew ? 'wizard.addNic' : 'wizard.editNic')} labelId="nic-modal-title" />
      <ModalBody>
        <Form id="nic-form" onSubmit={(e) => (e.preventDefault(), !invalid && onSave(draft))}>
          <FormGroup label={t('wizard.name')} isRequired fieldId="nic-name">
            <TextInput id="nic-name" value={draft.name} validated={p.name.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ name: v })} />
            <FieldProblems id="nic-name-problems" problems={p.name} />
          </FormGroup>
          <FormGroup label={t('wizard.model')} isRequired fieldId="nic-model">
            <FormSelect id="nic-model" value={draft.model} onChange={(_e, v) => set({ model: NIC_MODELS.find((m) => m === v) ?? draft.model })}>
              {NIC_MODELS.map((m) => (
                <FormSelectOption key={m} value={m} label={m} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label={t('wizard.network')} isRequired fieldId="nic-network">
            <FormSelect id="nic-network" value={draft.network} validated={p.network.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ network: v })}>
              <FormSelectOption value="" label={t('wizard.podNetwork')} />
              {networks.map((n) => (
                <FormSelectOption key={n} value={n} label={n} />
              ))}
            </FormSelect>
            <FieldProblems id="nic-network-problems" problems={p.network} />
          </FormGroup>
          <FormGroup label={t('wizard.type')} fieldId="nic-type">
            <span id="nic-type">{t(`wizard.binding.${bindingOf(draft)}`)}</span>
            <FieldProblems id="nic-type-hint" problems={[]} hint={t('wizard.typeHelp')} />
          </FormGroup>
          <FormGroup label={t('wizard.mac')} fieldId="nic-mac">
            <TextInput id="nic-mac" value={draft.mac} placeholder="02:00:00:00:00:01" validated={p.mac.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set({ mac: v })} />
            <FieldProblems id="nic-mac-problems" problems={p.mac} hint={t('wizard.macHelp')} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button id="nic-save" variant="primary" type="submit" form="nic-form" isDisabled={invalid}>
          {t(isNew ? 'wizard.add' : 'wizard.save')}
        </Button>
        <Button id="nic-cancel" variant="link" onClick={onClose}>
          {t('create.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
