// The Networking step (seed 002): the VM's NICs — nic0 of the template by default — with name,
// model, network, binding type and MAC; Add Network Interface, and edit or delete through each
// row's kebab. A VM needs no NIC; a PXE source needs one on a NetworkAttachmentDefinition.
import { Alert, Button, EmptyState, EmptyStateBody, Flex, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { useT } from '../../context.tsx';
import { newNic, withNic, withoutNic } from '../../wizard/edits.ts';
import { bindingOf, pxeNic } from '../../wizard/nics.ts';
import type { WizardNic } from '../../wizard/state.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { NicModal } from './NicModal.tsx';
import { RowActions } from './RowActions.tsx';
import { useWizardModel } from './wizard-model.ts';

export function NetworkingStep() {
  const { t } = useT();
  const { state, update, data, problems, busy } = useWizardModel();
  const [editing, setEditing] = useState<{ nic: WizardNic; isNew: boolean }>();
  const boot = state.general.source === 'pxe' ? pxeNic(state.nics) : undefined;
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h2" size="lg">
          {t('wizard.nics')}
        </Title>
        <Button id="wizard-add-nic" variant="secondary" isDisabled={busy} onClick={() => setEditing({ nic: newNic(state, data.nads), isNew: true })}>
          {t('wizard.addNic')}
        </Button>
      </Flex>
      {problems.networking.step.map((m) => (
        <Alert key={m.key} id="wizard-networking-problem" variant="danger" isInline title={t(m.key, m.vars)} style={{ marginBottom: 16 }} />
      ))}
      {state.nics.length === 0 ? (
        <EmptyState id="wizard-no-nics" headingLevel="h3" titleText={t('wizard.noNics')}>
          <EmptyStateBody>{t('wizard.noNicsHelp')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table id="wizard-nics" aria-label={t('wizard.nics')} variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t('wizard.name')}</Th>
              <Th modifier="wrap">{t('wizard.model')}</Th>
              <Th modifier="wrap">{t('wizard.network')}</Th>
              <Th modifier="wrap">{t('wizard.type')}</Th>
              <Th modifier="wrap">{t('wizard.mac')}</Th>
              <Th screenReaderText={t('action.menu')} />
            </Tr>
          </Thead>
          <Tbody>
            {state.nics.map((n) => (
              <Tr key={n.id} data-nic={n.name}>
                <Td dataLabel={t('wizard.name')}>
                  {n.name} {n === boot && <Label isCompact color="blue">{t('wizard.pxeBoot')}</Label>}
                  <FieldProblems id={`wizard-nic-problems-${n.name}`} problems={problems.networking.nics.get(n.id) ?? []} />
                </Td>
                <Td dataLabel={t('wizard.model')}>{n.model}</Td>
                <Td dataLabel={t('wizard.network')}>{n.network || t('wizard.podNetwork')}</Td>
                <Td dataLabel={t('wizard.type')}>{t(`wizard.binding.${bindingOf(n)}`)}</Td>
                <Td dataLabel={t('wizard.mac')}>{n.mac || '–'}</Td>
                <Td isActionCell>{!busy && <RowActions name={n.name} onEdit={() => setEditing({ nic: n, isNew: false })} onDelete={() => update((s) => withoutNic(s, n.id))} />}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {editing && (
        <NicModal
          nic={editing.nic}
          isNew={editing.isNew}
          onClose={() => setEditing(undefined)}
          onSave={(nic) => {
            update((s) => withNic(s, nic));
            setEditing(undefined);
          }}
        />
      )}
    </>
  );
}
