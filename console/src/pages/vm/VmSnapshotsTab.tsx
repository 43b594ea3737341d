// The VM details Snapshots tab: the VM's VirtualMachineSnapshots, live, with their creation time,
// phase (ready to use or the API's error), indications (Online, GuestAgent, NoGuestAgent…) and the
// newest restore from each; Take snapshot, and per row Restore (greyed with the reason while the VM
// runs, vm/snapshots.ts) and Delete, each confirmed in a dialog that shows the API's refusal.
// Snapshots are watched; restores are watched only while one runs (use-vm-restores.ts says why).
import { Alert, Button, EmptyState, EmptyStateBody, Label, LabelGroup, MenuToggle, Tooltip } from '@patternfly/react-core';
import EllipsisVIcon from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon.js';
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr, type IAction } from '@patternfly/react-table';
import { useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance, VirtualMachineSnapshot } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import type { MessageKey } from '../../i18n.ts';
import { latestRestore, restoreBlocker, restoreBody, restoreName, takeSnapshotBlocker, type RestoreState } from '../../vm/snapshots.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { SnapshotStatus } from './SnapshotStatus.tsx';
import { TakeSnapshotModal } from './TakeSnapshotModal.tsx';
import { useVmRestores } from './use-vm-restores.ts';
import { useVmSnapshots } from './use-vm-snapshots.ts';

type Dialog = { kind: 'take' } | { kind: 'restore' | 'delete'; snapshot: string };

const RESTORE_LABEL: Record<RestoreState['kind'], MessageKey> = { progress: 'snapshot.restoring', complete: 'snapshot.restored', failed: 'snapshot.restoreFailedState' };

export function VmSnapshotsTab({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t, lang } = useT();
  const { client } = useApi();
  const ns = vm.metadata.namespace ?? 'default';
  const snaps = useVmSnapshots(vm);
  const restores = useVmRestores(vm);
  const [dialog, setDialog] = useState<Dialog>();
  const fmt = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') : '');
  const takeBlocker = takeSnapshotBlocker(vm);
  const close = () => setDialog(undefined);

  const rowActions = (s: VirtualMachineSnapshot): IAction[] => {
    const blocker = restoreBlocker(vm, vmi, s);
    const name = s.metadata.name;
    return [
      {
        title: t('snapshot.restore'),
        isAriaDisabled: !!blocker,
        // Beside the menu, not above: a tooltip on top would cover the item above it.
        tooltipProps: blocker ? { content: t(blocker.key, blocker.vars), position: 'left', className: 'snapshot-restore-reason' } : undefined,
        onClick: () => setDialog({ kind: 'restore', snapshot: name }),
      },
      { title: t('snapshot.delete'), isDisabled: !!s.metadata.deletionTimestamp, onClick: () => setDialog({ kind: 'delete', snapshot: name }) },
    ];
  };

  const takeButton = (
    <Button id="take-snapshot" variant="primary" isAriaDisabled={!!takeBlocker} onClick={() => setDialog({ kind: 'take' })}>
      {t('action.takeSnapshot')}
    </Button>
  );
  return (
    <div id="vm-tab-snapshots" style={{ marginTop: 16 }}>
      <div style={{ marginBottom: 12 }}>{takeBlocker ? <Tooltip content={t(takeBlocker.key, takeBlocker.vars)}>{takeButton}</Tooltip> : takeButton}</div>
      {snaps.error && <Alert variant="warning" isInline title={t('watch.error', { message: snaps.error })} style={{ marginBottom: 12 }} />}
      {restores.error && <Alert variant="warning" isInline title={restores.error} style={{ marginBottom: 12 }} />}
      {snaps.loaded && snaps.items.length === 0 ? (
        <EmptyState id="vm-snapshots-empty" headingLevel="h3" titleText={t('snapshot.empty')}>
          <EmptyStateBody>{t('snapshot.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table id="vm-snapshots" aria-label={t('details.snapshots')} variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap" width={25}>{t('snapshot.name')}</Th>
              <Th modifier="wrap" width={15}>{t('snapshot.created')}</Th>
              <Th modifier="wrap" width={20}>{t('snapshot.status')}</Th>
              <Th modifier="wrap" width={20}>{t('snapshot.indications')}</Th>
              <Th modifier="wrap" width={20}>{t('snapshot.lastRestore')}</Th>
              <Th screenReaderText={t('action.menu')} />
            </Tr>
          </Thead>
          <Tbody>
            {snaps.items.map((s) => {
              const restore = latestRestore(restores.items, vm, s.metadata.name);
              return (
                <Tr key={s.metadata.name} data-snapshot={s.metadata.name}>
                  <Td dataLabel={t('snapshot.name')} modifier="breakWord">
                    {s.metadata.name}
                  </Td>
                  <Td dataLabel={t('snapshot.created')}>{fmt(s.status?.creationTime ?? s.metadata.creationTimestamp)}</Td>
                  <Td dataLabel={t('snapshot.status')}>
                    <SnapshotStatus snapshot={s} />
                  </Td>
                  <Td dataLabel={t('snapshot.indications')}>
                    <LabelGroup className="snapshot-indications">
                      {(s.status?.indications ?? []).map((i) => (
                        <Label key={i} isCompact color="blue">
                          {i}
                        </Label>
                      ))}
                    </LabelGroup>
                  </Td>
                  <Td dataLabel={t('snapshot.lastRestore')} className="snapshot-restore" data-restore={restore?.kind}>
                    {restore && t(RESTORE_LABEL[restore.kind], restore.kind === 'complete' ? { time: fmt(restore.message) } : { message: restore.message })}
                  </Td>
                  <Td isActionCell>
                    <ActionsColumn
                      items={rowActions(s)}
                      popperProps={{ position: 'right', appendTo: () => document.body }}
                      actionsToggle={({ onToggle, isOpen, toggleRef }) => (
                        <MenuToggle ref={toggleRef} className="snapshot-kebab" aria-label={t('snapshot.rowActions', { name: s.metadata.name })} variant="plain" isExpanded={isOpen} onClick={onToggle} icon={<EllipsisVIcon />} />
                      )}
                    />
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {dialog?.kind === 'take' && <TakeSnapshotModal vm={vm} vmi={vmi} onClose={close} />}
      {dialog?.kind === 'restore' && (
        <ConfirmModal
          id="restore-snapshot-modal"
          title={t('snapshot.restoreTitle')}
          confirmLabel={t('snapshot.restore')}
          failedTitle={t('snapshot.restoreFailed', { name: dialog.snapshot })}
          onConfirm={() => client.create(paths.vmrestores(ns), restoreBody(vm, dialog.snapshot, restoreName(dialog.snapshot)))}
          onClose={close}
        >
          {t('snapshot.restoreBody', { vm: vm.metadata.name, snapshot: dialog.snapshot })}
        </ConfirmModal>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          id="delete-snapshot-modal"
          title={t('snapshot.deleteTitle')}
          confirmLabel={t('snapshot.delete')}
          danger
          failedTitle={t('snapshot.deleteFailed', { name: dialog.snapshot })}
          onConfirm={() => client.delete(paths.vmsnapshot(ns, dialog.snapshot))}
          onClose={close}
        >
          {t('snapshot.deleteBody', { snapshot: dialog.snapshot })}
        </ConfirmModal>
      )}
    </div>
  );
}
