// Seed 000's VirtualMachines view: the project tree in the middle column (a switch shows only the
// projects with VMs, on by default) and, on the right, the VM list for all projects or the selected
// one — or the selected VM's details. Everything is live through the shared watches.
import { Alert, Divider, Flex, FlexItem, Label, LabelGroup, PageSection, Switch, Title, TreeView, type TreeViewDataItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { Namespace, VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { COLUMNS, sortRows, vmRows, type SortColumn } from '../vm/rows.ts';
import { CreateVmMenu } from './CreateVmMenu.tsx';
import { CreateVmYamlPage } from './CreateVmYamlPage.tsx';
import { VmStatus } from './StatusIcon.tsx';
import { VmDetailsPage } from './VmDetailsPage.tsx';

const ALL = '#all';

export function VirtualMachinesPage() {
  const { t } = useT();
  const { route, navigate } = useRouter();
  const [onlyWithVms, setOnlyWithVms] = useState(true);
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const namespaces = useWatchList<Namespace>(paths.namespaces());
  const selectedNs = route.page === 'vms' || route.page === 'vm' || route.page === 'vmNew' ? route.namespace : undefined;
  const selectedVm = route.page === 'vm' ? route.name : undefined;

  const tree = useMemo<TreeViewDataItem[]>(() => {
    const byNs = new Map<string, string[]>();
    for (const vm of vms.items) {
      const ns = vm.metadata.namespace ?? '';
      byNs.set(ns, [...(byNs.get(ns) ?? []), vm.metadata.name]);
    }
    const names = new Set(namespaces.items.map((n) => n.metadata.name));
    for (const ns of byNs.keys()) names.add(ns);
    const shown = [...names].filter((n) => !onlyWithVms || byNs.has(n)).sort();
    return [
      {
        id: ALL,
        name: t('tree.allProjects'),
        defaultExpanded: true,
        children: shown.map((ns) => ({
          id: `ns/${ns}`,
          name: ns,
          defaultExpanded: ns === selectedNs,
          customBadgeContent: byNs.get(ns)?.length ?? 0,
          hasBadge: true,
          children: (byNs.get(ns) ?? []).sort().map((vm) => ({ id: `vm/${ns}/${vm}`, name: vm })),
        })),
      },
    ];
  }, [vms.items, namespaces.items, onlyWithVms, selectedNs, t]);

  const activeId = selectedVm ? `vm/${selectedNs}/${selectedVm}` : selectedNs ? `ns/${selectedNs}` : ALL;
  const findItem = (items: TreeViewDataItem[]): TreeViewDataItem | undefined => {
    for (const i of items) {
      if (i.id === activeId) return i;
      const c = i.children && findItem(i.children);
      if (c) return c;
    }
    return undefined;
  };
  const active = findItem(tree);

  const onSelect = (_e: React.MouseEvent, item: TreeViewDataItem) => {
    const id = item.id ?? ALL;
    if (id === ALL) navigate({ page: 'vms' });
    else if (id.startsWith('ns/')) navigate({ page: 'vms', namespace: id.slice(3) });
    else {
      const [, ns, name] = id.split('/');
      navigate({ page: 'vm', namespace: ns, name, tab: 'overview' });
    }
  };

  return (
    <PageSection padding={{ default: 'noPadding' }} isFilled>
      <Flex flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsStretch' }} style={{ minHeight: 'calc(100vh - 80px)' }} gap={{ default: 'gapNone' }}>
        <FlexItem style={{ width: 240, flexShrink: 0, padding: 16 }} id="project-tree">
          <Switch id="only-with-vms" label={t('tree.onlyWithVms')} isChecked={onlyWithVms} onChange={(_e, v) => setOnlyWithVms(v)} />
          <TreeView data={tree} activeItems={active ? [active] : []} onSelect={onSelect} hasBadges aria-label="projects" />
        </FlexItem>
        <Divider orientation={{ default: 'vertical' }} />
        <FlexItem flex={{ default: 'flex_1' }} style={{ padding: 16, minWidth: 0 }}>
          {route.page === 'vm' ? (
            <VmDetailsPage namespace={route.namespace} name={route.name} tab={route.tab} />
          ) : route.page === 'vmNew' ? (
            <CreateVmYamlPage key={route.namespace} namespace={route.namespace} />
          ) : (
            <VmList namespace={selectedNs} />
          )}
        </FlexItem>
      </Flex>
    </PageSection>
  );
}

const COLUMN_LABEL: Record<SortColumn, MessageKey> = {
  name: 'col.name',
  namespace: 'col.namespace',
  status: 'col.status',
  conditions: 'col.conditions',
  node: 'col.node',
  ip: 'col.ip',
  created: 'col.created',
};

function VmList({ namespace }: { namespace?: string }) {
  const { t, lang } = useT();
  const { navigate } = useRouter();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const [sortBy, setSortBy] = useState<{ column: SortColumn; direction: 'asc' | 'desc' }>({ column: 'name', direction: 'asc' });
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
  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <Title headingLevel="h1">
          {t('vms.title')} <small style={{ fontWeight: 400 }}>— {namespace ?? t('tree.allProjects')}</small>
        </Title>
        {/* From "All projects" a new VM goes to `default`, as in OpenShift's console. */}
        <CreateVmMenu namespace={namespace ?? 'default'} />
      </Flex>
      {(vms.error || vmis.error) && <Alert variant="warning" isInline title={t('watch.error', { message: vms.error ?? vmis.error ?? '' })} />}
      <div style={{ overflowX: 'auto' }}>
      <Table aria-label={t('vms.title')} variant="compact" id="vm-table">
        <Thead>
          <Tr>
            {COLUMNS.map((c, i) => (
              <Th key={c} sort={sort(i)} modifier="wrap">
                {t(COLUMN_LABEL[c])}
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {rows.length === 0 && (
            <Tr>
              <Td colSpan={COLUMNS.length}>{vms.loaded ? t('vms.empty') : t('vms.loading')}</Td>
            </Tr>
          )}
          {rows.map((r) => (
            <Tr key={`${r.namespace}/${r.name}`} data-vm={`${r.namespace}/${r.name}`}>
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
                <VmStatus status={r.status} />
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
              <Td modifier="nowrap" dataLabel={t('col.ip')}>{r.ip}</Td>
              <Td dataLabel={t('col.created')}>{fmt(r.created)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      </div>
    </>
  );
}
