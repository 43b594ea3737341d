// Seed 000's VirtualMachines view: the project tree in the middle column (a switch shows only the
// projects with VMs, on by default) and, on the right, the VM list for all projects or the selected
// one — or the selected VM's details. Everything is live through the shared watches.
import { Divider, Flex, FlexItem, PageSection, Switch, TreeView, type TreeViewDataItem } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { Namespace, VirtualMachine } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import { CreateVmYamlPage } from './CreateVmYamlPage.tsx';
import { VmDetailsPage } from './VmDetailsPage.tsx';
import { VmList } from './VmList.tsx';

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
