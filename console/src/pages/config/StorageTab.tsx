// Storage: the VM's disks (name, source, size where the VM states it, drive, interface, boot
// order) with Add disk and, per row, Remove.
import { Button, EmptyState, Flex, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { diskRows, removeDiskOps } from '../../config/disks.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { AddDiskModal } from './AddDiskModal.tsx';
import { ConfirmRemove } from './ConfirmRemove.tsx';

export function StorageTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();
  const rows = diskRows(asConfigVm(vm));
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h2" size="lg">
          {t('wizard.disks')}
        </Title>
        <Button id="config-add-disk" variant="secondary" onClick={() => setAdding(true)}>
          {t('wizard.addDisk')}
        </Button>
      </Flex>
      {rows.length === 0 ? (
        <EmptyState id="config-no-disks" headingLevel="h3" titleText={t('wizard.noDisks')} />
      ) : (
        <Table id="config-disks" aria-label={t('wizard.disks')} variant="compact">
          <Thead>
            <Tr>
              <Th>{t('wizard.name')}</Th>
              <Th>{t('wizard.source')}</Th>
              <Th>{t('wizard.size')}</Th>
              <Th>{t('config.drive')}</Th>
              <Th>{t('wizard.interface')}</Th>
              <Th>{t('wizard.bootOrder')}</Th>
              <Th screenReaderText={t('action.menu')} />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.name} data-disk={r.name}>
                <Td dataLabel={t('wizard.name')}>{r.name}</Td>
                <Td dataLabel={t('wizard.source')}>
                  {t(`config.source.${r.source}`)}
                  {r.detail && <div style={{ fontSize: 'small', wordBreak: 'break-all' }}>{r.detail}</div>}
                </Td>
                <Td dataLabel={t('wizard.size')}>{r.size ?? '–'}</Td>
                <Td dataLabel={t('config.drive')}>{t(`config.drive.${r.drive}`)}</Td>
                <Td dataLabel={t('wizard.interface')}>{r.bus}</Td>
                <Td dataLabel={t('wizard.bootOrder')}>{r.bootOrder ?? '–'}</Td>
                <Td isActionCell>
                  <Button className="config-remove-disk" variant="link" isInline isDanger aria-label={t('config.removeNamed', { name: r.name })} onClick={() => setRemoving(r.name)}>
                    {t('config.remove')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {adding && <AddDiskModal vm={vm} onClose={() => setAdding(false)} />}
      {removing && (
        <ConfirmRemove
          id="remove-disk-modal"
          vm={vm}
          title={t('config.removeDisk')}
          body={t('config.removeDiskBody', { name: removing })}
          build={(cur) => removeDiskOps(cur, removing)}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </>
  );
}
