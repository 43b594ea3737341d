// The Storage step (seed 002): the VM's disks — the boot source's disk first — with name, source,
// size, interface, storage class and boot order; Add Disk, edit or delete through each row's kebab
// (the boot source's disk can be edited, not deleted); and the bootable disk to boot from.
import { Alert, Button, EmptyState, Flex, Form, FormGroup, FormSelect, FormSelectOption, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { useT } from '../../context.tsx';
import { sized } from '../../wizard/disk-rules.ts';
import { bootOrderOf, diskSourceDetail, diskSourceLabel } from '../../wizard/describe.ts';
import { newDisk, withDisk, withoutDisk } from '../../wizard/edits.ts';
import { readable } from '../../wizard/size.ts';
import type { WizardDisk } from '../../wizard/state.ts';
import { DiskModal } from './DiskModal.tsx';
import { FieldProblems } from './FieldProblems.tsx';
import { RowActions } from './RowActions.tsx';
import { useWizardModel } from './wizard-model.ts';

export function StorageStep() {
  const { t } = useT();
  const { state, update, problems, bootSource, data, busy } = useWizardModel();
  const [editing, setEditing] = useState<{ disk: WizardDisk; isNew: boolean }>();
  const pxe = state.general.source === 'pxe';
  const ref = 'ref' in bootSource ? `${bootSource.ref.namespace}/${bootSource.ref.name}` : undefined;
  const defaultClass = data.storageClasses.find((c) => c.isDefault)?.name;
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h2" size="lg">
          {t('wizard.disks')}
        </Title>
        <Button id="wizard-add-disk" variant="secondary" isDisabled={busy} onClick={() => setEditing({ disk: newDisk(state), isNew: true })}>
          {t('wizard.addDisk')}
        </Button>
      </Flex>
      {problems.storage.step.map((m) => (
        <Alert key={m.key} className="wizard-storage-problem" variant="danger" isInline title={t(m.key, m.vars)} style={{ marginBottom: 16 }} />
      ))}
      {state.disks.length === 0 ? (
        <EmptyState id="wizard-no-disks" headingLevel="h3" titleText={t('wizard.noDisks')} />
      ) : (
        <Table id="wizard-disks" aria-label={t('wizard.disks')} variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t('wizard.name')}</Th>
              <Th modifier="wrap">{t('wizard.source')}</Th>
              <Th modifier="wrap">{t('wizard.size')}</Th>
              <Th modifier="wrap">{t('wizard.interface')}</Th>
              <Th modifier="wrap">{t('wizard.storageClass')}</Th>
              <Th modifier="wrap">{t('wizard.bootOrder')}</Th>
              <Th screenReaderText={t('action.menu')} />
            </Tr>
          </Thead>
          <Tbody>
            {state.disks.map((d) => {
              const label = diskSourceLabel(d, state.general, ref);
              const detail = diskSourceDetail(d);
              return (
                <Tr key={d.id} data-disk={d.name}>
                  <Td dataLabel={t('wizard.name')}>
                    {d.name}
                    {d.type === 'cdrom' && ` (${t('wizard.diskType.cdrom')})`}
                    <FieldProblems id={`wizard-disk-problems-${d.name}`} problems={problems.storage.disks.get(d.id) ?? []} />
                  </Td>
                  <Td dataLabel={t('wizard.source')}>
                    {t(label.key, label.vars)}
                    {detail && <div style={{ fontSize: 'small', wordBreak: 'break-all' }}>{detail}</div>}
                  </Td>
                  <Td dataLabel={t('wizard.size')}>{sized(d) ? readable(d.size) : '–'}</Td>
                  <Td dataLabel={t('wizard.interface')}>{d.bus}</Td>
                  <Td dataLabel={t('wizard.storageClass')}>{sized(d) && d.source !== 'template' ? d.storageClass || defaultClass || '–' : '–'}</Td>
                  <Td dataLabel={t('wizard.bootOrder')}>{bootOrderOf(d, state.bootDisk, pxe) ?? '–'}</Td>
                  <Td isActionCell>
                    {!busy && (
                      <RowActions
                        name={d.name}
                        onEdit={() => setEditing({ disk: d, isNew: false })}
                        deleteBlocked={d.source === 'root' ? t('wizard.rootDiskLocked') : undefined}
                        onDelete={() => d.source !== 'root' && update((s) => withoutDisk(s, d.id))}
                      />
                    )}
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {state.disks.length > 0 && (
        <Form style={{ maxWidth: 480, marginTop: 24 }} onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('wizard.bootableDisk')} isRequired fieldId="wizard-boot-disk">
            <FormSelect id="wizard-boot-disk" value={state.bootDisk ?? ''} isDisabled={busy} onChange={(_e, v) => update((s) => ({ ...s, bootDisk: v || undefined }))}>
              <FormSelectOption value="" label={t('wizard.selectBootableDisk')} isPlaceholder />
              {state.disks.map((d) => (
                <FormSelectOption key={d.id} value={d.id} label={d.name} />
              ))}
            </FormSelect>
            <FieldProblems id="wizard-boot-disk-hint" problems={[]} hint={t('wizard.bootableDiskHelp')} />
          </FormGroup>
        </Form>
      )}
      {editing && (
        <DiskModal
          disk={editing.disk}
          isNew={editing.isNew}
          onClose={() => setEditing(undefined)}
          onSave={(disk) => {
            update((s) => withDisk(s, disk));
            setEditing(undefined);
          }}
        />
      )}
    </>
  );
}
