// The VM list for all projects or one: sortable columns, live through the shared watches; the
// status shows the migration's progress while a VM migrates, and each row has the actions kebab.
import { Alert, Flex, Label, LabelGroup, Title } from '@patternfly/react-core';
import { InnerScrollContainer, Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { key, paths } from '../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { vmActions } from '../vm/actions.ts';
import { COLUMNS, sortRows, vmRows, type SortColumn } from '../vm/rows.ts';
import { CreateVmMenu } from './CreateVmMenu.tsx';
import { VmStatus } from './StatusIcon.tsx';
import { ActionErrors } from './vm/ActionErrors.tsx';
import { useVmActionRunner } from './vm/use-vm-action-runner.ts';
import { useVmMigrations } from './vm/use-vm-migrations.ts';
import { VmRowActions } from './vm/VmRowActions.tsx';

const COLUMN_LABEL: Record<SortColumn, MessageKey> = {
  name: 'col.name',
  namespace: 'col.namespace',
  status: 'col.status',
  conditions: 'col.conditions',
  node: 'col.node',
  ip: 'col.ip',
  created: 'col.created',
};

export function VmList({ namespace }: { namespace?: string }) {
  const { t, lang } = useT();
  const { navigate } = useRouter();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const migrations = useVmMigrations();
  const runner = useVmActionRunner(true);
  const [sortBy, setSortBy] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>({ column: 'name', direction: 'asc' });
  const vmiByKey = useMemo(() => new Map(vmis.items.map((v) => [key(v), v])), [vmis.items]);
  const rows = useMemo(() => {
    const all = vmRows(vms.items, vmis.items).filter((r) => !namespace || r.namespace === namespace);
    return sortRows(all, sortBy.column, sortBy.direction);
  }, [vms.items, vmis.items, namespace, sortBy]);
  const sort = (i: number): ThProps['sort'] => ({
    sortBy: { index: COLUMNS.indexOf(sortBy.column), direction: sortBy.direction },
    onSort: (_e, index, direction) => setSortBy({ column: COLUMNS[index], direction }),
    columnIndex: i,
  });
  const fmt = (iso: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'short', timeStyle: 'short' }) : '');
  const watchError = vms.error ?? vmis.error ?? migrations.error;
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h1">
          {t('vms.title')} <small style={{ fontWeight: 400 }}>— {namespace ?? t('tree.allProjects')}</small>
        </Title>
        {/* From "All projects" a new VM goes to `default`, as in OpenShift's console. */}
        <CreateVmMenu namespace={namespace ?? 'default'} />
      </Flex>
      {watchError && <Alert variant="warning" isInline title={t('watch.error', { message: watchError })} />}
      <ActionErrors errors={runner.errors} onDismiss={runner.dismiss} />
      <InnerScrollContainer>
        <Table aria-label={t('vms.title')} variant="compact" id="vm-table">
          <Thead>
            <Tr>
              {COLUMNS.map((c, i) => (
                <Th key={c} sort={sort(i)} modifier="wrap">
                  {t(COLUMN_LABEL[c])}
                </Th>
              ))}
              {/* The kebab stays in view when the columns are wider than the pane. */}
              <Th screenReaderText={t('action.menu')} isStickyColumn stickyMinWidth="56px" stickyRightOffset="0" hasLeftBorder />
            </Tr>
          </Thead>
          <Tbody>
            {rows.length === 0 && (
              <Tr>
                <Td colSpan={COLUMNS.length + 1}>{vms.loaded ? t('vms.empty') : t('vms.loading')}</Td>
              </Tr>
            )}
            {rows.map((r) => {
              const vmKey = `${r.namespace}/${r.name}`;
              const actions = vmActions({ namespace: r.namespace, name: r.name, status: r.status, vmi: vmiByKey.get(vmKey), migrations: migrations.of(r.namespace, r.name) });
              return (
                <Tr key={vmKey} data-vm={vmKey}>
                  <Td dataLabel={t('col.name')}>
                    <a
                      href={`/k8s/ns/${r.namespace}/virtualmachines/${r.name}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'vm', namespace: r.namespace, name: r.name, tab: 'overview' });
                      }}
                    >
                      {r.name}
                    </a>
                  </Td>
                  <Td dataLabel={t('col.namespace')}>{r.namespace}</Td>
                  <Td dataLabel={t('col.status')}>
                    <VmStatus status={r.status} progress={r.progress} />
                  </Td>
                  <Td dataLabel={t('col.conditions')}>
                    <LabelGroup numLabels={3}>
                      {r.conditions.map((c) => (
                        <Label key={c} isCompact>
                          {c}
                        </Label>
                      ))}
                    </LabelGroup>
                  </Td>
                  <Td dataLabel={t('col.node')}>{r.node}</Td>
                  <Td modifier="nowrap" dataLabel={t('col.ip')}>
                    {r.ip}
                  </Td>
                  <Td dataLabel={t('col.created')}>{fmt(r.created)}</Td>
                  <Td isActionCell isStickyColumn stickyMinWidth="56px" stickyRightOffset="0" hasLeftBorder>
                    <VmRowActions name={r.name} actions={actions} busy={runner.pending?.vm === vmKey} onRun={(a) => void runner.run(a, r.namespace, r.name)} />
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      </InnerScrollContainer>
    </>
  );
}
