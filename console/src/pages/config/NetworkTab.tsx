// Network: the VM's NICs (name, model, network, binding, MAC) with Add network interface and, per
// row, Remove.
import { Button, EmptyState, Flex, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { nicRows, removeNicOps } from '../../config/nics.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { AddNicModal } from './AddNicModal.tsx';
import { ConfirmRemove } from './ConfirmRemove.tsx';

export function NetworkTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  const rows = nicRows(asConfigVm(vm));
  const binding = (b: string) => (b === 'masquerade' || b === 'bridge' ? t(`wizard.binding.${b}`) : b === 'sriov' ? t('config.binding.sriov') : '–');
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h2" size="lg">
          {t('wizard.nics')}
        </Title>
        <Button id="config-add-nic" variant="secondary" onClick={() => setAdding(true)}>
          {t('wizard.addNic')}
        </Button>
      </Flex>
      {rows.length === 0 ? (
        <EmptyState id="config-no-nics" headingLevel="h3" titleText={t('wizard.noNics')} />
      ) : (
        <Table id="config-nics" aria-label={t('wizard.nics')} variant="compact">
          <Thead>
            <Tr>
              <Th>{t('wizard.name')}</Th>
              <Th>{t('wizard.model')}</Th>
              <Th>{t('wizard.network')}</Th>
              <Th>{t('config.binding')}</Th>
              <Th>{t('wizard.mac')}</Th>
              <Th screenReaderText={t('action.menu')} />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.name} data-nic={r.name}>
                <Td dataLabel={t('wizard.name')}>{r.name}</Td>
                <Td dataLabel={t('wizard.model')}>{r.model}</Td>
                <Td dataLabel={t('wizard.network')}>{r.network || t('wizard.podNetwork')}</Td>
                <Td dataLabel={t('config.binding')}>{binding(r.binding)}</Td>
                <Td dataLabel={t('wizard.mac')}>{r.mac || '–'}</Td>
                <Td isActionCell>
                  <Button className="config-remove-nic" variant="link" isInline isDanger aria-label={t('config.removeNamed', { name: r.name })} onClick={() => setRemoving(r.name)}>
                    {t('config.remove')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {adding && <AddNicModal vm={vm} onClose={() => setAdding(false)} />}
      {removing && (
        <ConfirmRemove
          id="remove-nic-modal"
          vm={vm}
          title={t('config.removeNic')}
          body={t('config.removeNicBody', { name: removing })}
          build={(cur) => removeNicOps(cur, removing)}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </>
  );
}
