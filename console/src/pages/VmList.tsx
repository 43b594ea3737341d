// The VM list for all projects or one: sortable, choosable columns, live through the shared watches;
// name search and filters, bulk power actions on the selected rows, and pages (only one page is
// rendered, which keeps 1,000 VMs as quick as 10). The status shows the migration's progress while a
// VM migrates, and each row has the actions kebab.
import { Alert, Flex, Label, LabelGroup, Title } from '@patternfly/react-core';
import { InnerScrollContainer, Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { key, paths } from '../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { vmActions, type VmActionId } from '../vm/actions.ts';
import { choices, filterRows, isFiltered, NO_FILTER, pageOf, PER_PAGE_OPTIONS, type ListFilter } from '../vm/list-filter.ts';
import { COLUMNS, sortRows, vmRows, type SortColumn, type VmRow } from '../vm/rows.ts';
import { FOLDER_LABEL } from '../vm/tree.ts';
import { VmListToolbar, type BulkActionId } from './list/VmListToolbar.tsx';
import { CreateVmMenu } from './CreateVmMenu.tsx';
import { VmStatus } from './StatusIcon.tsx';
import { ActionErrors } from './vm/ActionErrors.tsx';
import { VmActionDialog } from './actions/VmActionDialog.tsx';
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
  cpu: 'col.cpu',
  memory: 'col.memory',
};

/** Shown until the user chooses: all but CPU and memory, as the OpenShift console starts. */
const DEFAULT_COLUMNS: SortColumn[] = COLUMNS.filter((c) => c !== 'cpu' && c !== 'memory');

/** `folder`: only the project's VMs in that folder (the tree's `vm.openshift.io/folder` label). */
export function VmList({ namespace, folder }: { namespace?: string; folder?: string }) {
  const { t, lang } = useT();
  const { navigate } = useRouter();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const migrations = useVmMigrations();
  const runner = useVmActionRunner(true);
  const [sortBy, setSortBy] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>({ column: 'name', direction: 'asc' });
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [shown, setShown] = useState<SortColumn[]>(DEFAULT_COLUMNS);
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const vmiByKey = useMemo(() => new Map(vmis.items.map((v) => [key(v), v])), [vmis.items]);
  const vmByKey = useMemo(() => new Map(vms.items.map((v) => [key(v), v])), [vms.items]);
  // The row action whose dialog is open, and for which VM.
  const [dialog, setDialog] = useState<{ id: VmActionId; vm: string }>();
  const dialogVm = dialog && vmByKey.get(dialog.vm);
  const inScope = useMemo(
    () => vmRows(vms.items, vmis.items).filter((r) => (!namespace || r.namespace === namespace) && (!folder || r.labels[FOLDER_LABEL] === folder)),
    [vms.items, vmis.items, namespace, folder],
  );
  const rows = useMemo(() => sortRows(filterRows(inScope, filter), sortBy.column, sortBy.direction), [inScope, filter, sortBy]);
  const shownPage = pageOf(rows, page, perPage);
  const rowKey = (r: VmRow) => `${r.namespace}/${r.name}`;
  const columns = COLUMNS.filter((c) => shown.includes(c));
  const sort = (c: SortColumn): ThProps['sort'] => ({
    sortBy: { index: COLUMNS.indexOf(sortBy.column), direction: sortBy.direction },
    onSort: (_e, index, direction) => setSortBy({ column: COLUMNS[index]!, direction }),
    columnIndex: COLUMNS.indexOf(c),
  });
  const onFilter = (f: ListFilter) => {
    setFilter(f);
    setPage(1);
  };
  const pageKeys = shownPage.items.map(rowKey);
  const allOnPage = pageKeys.length > 0 && pageKeys.every((k) => selected.has(k));
  const select = (keys: string[], on: boolean) =>
    setSelected((cur) => {
      const next = new Set(cur);
      for (const k of keys) if (on) next.add(k);
      else next.delete(k);
      return next;
    });
  // Each selected VM gets the action where its own state allows it (Start on a running VM is skipped, as greyed in its menu).
  const bulk = async (id: BulkActionId) => {
    for (const r of rows.filter((x) => selected.has(rowKey(x)))) {
      const a = vmActions({ namespace: r.namespace, name: r.name, status: r.status, vmi: vmiByKey.get(rowKey(r)), migrations: migrations.of(r.namespace, r.name) }).find((x) => x.id === id);
      if (a?.enabled) await runner.run(a, r.namespace, r.name);
    }
  };
  const cell = (r: VmRow, c: SortColumn) => {
    switch (c) {
      case 'name':
        return (
          <a
            href={`/k8s/ns/${r.namespace}/virtualmachines/${r.name}`}
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'vm', namespace: r.namespace, name: r.name, tab: 'overview' });
            }}
          >
            {r.name}
          </a>
        );
      case 'status':
        return <VmStatus status={r.status} progress={r.progress} />;
      case 'conditions':
        return (
          <LabelGroup numLabels={3}>
            {r.conditions.map((x) => (
              <Label key={x} isCompact>
                {x}
              </Label>
            ))}
          </LabelGroup>
        );
      case 'created':
        return fmt(r.created);
      case 'cpu':
        return String(r.cpu);
      default:
        return r[c];
    }
  };
  // One formatter per render, not one per row (building an Intl formatter is the costly part).
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'short', timeStyle: 'short' }), [lang]);
  const fmt = (iso: string) => (iso ? dateFormat.format(new Date(iso)) : '');
  const watchError = vms.error ?? vmis.error ?? migrations.error;
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h1">
          {t('vms.title')} <small style={{ fontWeight: 400 }}>— {namespace ?? t('tree.allProjects')}{folder ? ` / ${folder}` : ''}</small>
        </Title>
        {/* From "All projects" a new VM goes to `default`, as in OpenShift's console. */}
        <CreateVmMenu namespace={namespace ?? 'default'} />
      </Flex>
      {watchError && <Alert variant="warning" isInline title={t('watch.error', { message: watchError })} />}
      <ActionErrors errors={runner.errors} onDismiss={runner.dismiss} />
      {dialog && dialogVm && <VmActionDialog id={dialog.id} vm={dialogVm} vmi={vmiByKey.get(dialog.vm)} onClose={() => setDialog(undefined)} />}
      <VmListToolbar
        filter={filter}
        onFilter={onFilter}
        choices={{ statuses: choices(inScope, (r) => r.status), oses: choices(inScope, (r) => r.os), nodes: choices(inScope, (r) => r.node) }}
        columns={{ all: COLUMNS, shown, label: (c) => t(COLUMN_LABEL[c]), onChange: setShown }}
        selectedCount={rows.filter((r) => selected.has(rowKey(r))).length}
        onBulk={(id) => void bulk(id)}
        busy={runner.pending !== undefined}
        paging={{ count: rows.length, page: shownPage.page, perPage, onPage: setPage, onPerPage: (n) => (setPerPage(n), setPage(1)) }}
      />
      <InnerScrollContainer>
        <Table aria-label={t('vms.title')} variant="compact" id="vm-table">
          <Thead>
            <Tr>
              <Th select={{ onSelect: (_e, on) => select(pageKeys, on), isSelected: allOnPage }} aria-label={t('list.selectAll')} />
              {columns.map((c) => (
                <Th key={c} sort={sort(c)} modifier="wrap" data-col={c}>
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
                <Td colSpan={columns.length + 2}>{!vms.loaded ? t('vms.loading') : isFiltered(filter) && inScope.length > 0 ? t('list.noMatch') : t('vms.empty')}</Td>
              </Tr>
            )}
            {shownPage.items.map((r, i) => {
              const vmKey = rowKey(r);
              const actions = vmActions({ namespace: r.namespace, name: r.name, status: r.status, vmi: vmiByKey.get(vmKey), migrations: migrations.of(r.namespace, r.name), vm: vmByKey.get(vmKey) });
              return (
                <Tr key={vmKey} data-vm={vmKey}>
                  <Td select={{ rowIndex: i, onSelect: (_e, on) => select([vmKey], on), isSelected: selected.has(vmKey) }} aria-label={t('list.selectRow', { name: r.name })} />
                  {columns.map((c) => (
                    <Td key={c} dataLabel={t(COLUMN_LABEL[c])} modifier={c === 'ip' ? 'nowrap' : undefined} data-col={c}>
                      {cell(r, c)}
                    </Td>
                  ))}
                  <Td isActionCell isStickyColumn stickyMinWidth="56px" stickyRightOffset="0" hasLeftBorder>
                    <VmRowActions name={r.name} actions={actions} busy={runner.pending?.vm === vmKey} onRun={(a) => (a.method === 'DIALOG' ? setDialog({ id: a.id, vm: vmKey }) : void runner.run(a, r.namespace, r.name))} />
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
