// Seed 000's VirtualMachines view: the project tree in the middle column (a switch shows only the
// projects with VMs, on by default; folders from the `vm.openshift.io/folder` label, VMs moved
// between them by drag and drop; "Create project") and, on the right, the VM list for all projects
// or the selected one — or the selected VM's details. Everything is live through the shared watches.
import { Alert, AlertActionCloseButton, Button, Divider, Flex, FlexItem, PageSection, Switch, TreeView, type TreeViewDataItem } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useApi, useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { Namespace, VirtualMachine } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import { ALL_ID, folderId, folderMove, nsId, parseTreeId, treeProjects, vmId } from '../vm/tree.ts';
import { CreateProjectModal } from './tree/CreateProjectModal.tsx';
import { TreeNodeName } from './tree/TreeNodeName.tsx';
import { CreateVmYamlPage } from './CreateVmYamlPage.tsx';
import { VmDetailsPage } from './VmDetailsPage.tsx';
import { VmList } from './VmList.tsx';

export function VirtualMachinesPage() {
  const { t } = useT();
  const { route, navigate } = useRouter();
  const [onlyWithVms, setOnlyWithVms] = useState(true);
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const namespaces = useWatchList<Namespace>(paths.namespaces());
  const selectedNs = route.page === 'vms' || route.page === 'vm' || route.page === 'vmNew' ? route.namespace : undefined;
  const selectedVm = route.page === 'vm' ? route.name : undefined;

  const { client } = useApi();
  const [creating, setCreating] = useState(false);
  // A folder is a view of its project's list, not a place of its own in the URL.
  const [folder, setFolder] = useState<{ ns: string; name: string }>();
  const shownFolder = route.page === 'vms' && folder?.ns === selectedNs ? folder : undefined;
  const [moveError, setMoveError] = useState<{ name: string; message: string }>();
  const onDropVm = (vmKey: string, targetId: string) => {
    const vm = vms.items.find((v) => `${v.metadata.namespace}/${v.metadata.name}` === vmKey);
    const move = vm && folderMove(vm, parseTreeId(targetId));
    if (!vm || !move) return;
    setMoveError(undefined);
    client.mergePatch(`${paths.vms(vm.metadata.namespace)}/${vm.metadata.name}`, { metadata: move }).catch((e: Error) => setMoveError({ name: vm.metadata.name, message: e.message }));
  };

  const tree = useMemo<TreeViewDataItem[]>(() => {
    const projects = treeProjects(vms.items, namespaces.items.map((n) => n.metadata.name), onlyWithVms);
    const vmItem = (ns: string, name: string): TreeViewDataItem => ({ id: vmId(ns, name), name: <TreeNodeName label={name} dragVm={`${ns}/${name}`} /> });
    return [
      {
        id: ALL_ID,
        name: t('tree.allProjects'),
        defaultExpanded: true,
        children: projects.map((p) => ({
          id: nsId(p.ns),
          name: <TreeNodeName label={p.ns} dropId={nsId(p.ns)} onDropVm={onDropVm} />,
          defaultExpanded: p.ns === selectedNs,
          customBadgeContent: p.count,
          hasBadge: true,
          children: [
            ...p.folders.map((f) => ({
              id: folderId(p.ns, f.name),
              name: <TreeNodeName label={f.name} dropId={folderId(p.ns, f.name)} onDropVm={onDropVm} />,
              customBadgeContent: f.vms.length,
              hasBadge: true,
              children: f.vms.map((v) => vmItem(p.ns, v)),
            })),
            ...p.vms.map((v) => vmItem(p.ns, v)),
          ],
        })),
      },
    ];
    // onDropVm closes over vms.items, which is a dependency already.
  }, [vms.items, namespaces.items, onlyWithVms, selectedNs, t]);

  const activeId = selectedVm && selectedNs ? vmId(selectedNs, selectedVm) : shownFolder ? folderId(shownFolder.ns, shownFolder.name) : selectedNs ? nsId(selectedNs) : ALL_ID;
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
    const target = parseTreeId(item.id ?? ALL_ID);
    setFolder(target.kind === 'folder' ? { ns: target.ns, name: target.folder } : undefined);
    if (target.kind === 'all') navigate({ page: 'vms' });
    else if (target.kind === 'vm') navigate({ page: 'vm', namespace: target.ns, name: target.name, tab: 'overview' });
    else navigate({ page: 'vms', namespace: target.ns }); // a folder shows its project's list, narrowed to it
  };

  return (
    <PageSection padding={{ default: 'noPadding' }} isFilled>
      <Flex flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsStretch' }} style={{ minHeight: 'calc(100vh - 80px)' }} gap={{ default: 'gapNone' }}>
        <FlexItem style={{ width: 240, flexShrink: 0, padding: 16 }} id="project-tree">
          <Button id="create-project" variant="secondary" size="sm" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
            {t('project.create')}
          </Button>
          <Switch id="only-with-vms" label={t('tree.onlyWithVms')} isChecked={onlyWithVms} onChange={(_e, v) => setOnlyWithVms(v)} />
          {moveError && (
            <Alert id="tree-move-error" variant="danger" isInline isPlain title={t('tree.moveFailed', { name: moveError.name })} actionClose={<AlertActionCloseButton onClose={() => setMoveError(undefined)} />}>
              {moveError.message}
            </Alert>
          )}
          {creating && (
            <CreateProjectModal
              onClose={() => setCreating(false)}
              onCreated={(ns) => {
                setCreating(false);
                setOnlyWithVms(false); // the new project has no VMs yet; show it
                navigate({ page: 'vms', namespace: ns });
              }}
            />
          )}
          <TreeView data={tree} activeItems={active ? [active] : []} onSelect={onSelect} hasBadges aria-label="projects" />
        </FlexItem>
        <Divider orientation={{ default: 'vertical' }} />
        <FlexItem flex={{ default: 'flex_1' }} style={{ padding: 16, minWidth: 0 }}>
          {route.page === 'vm' ? (
            <VmDetailsPage namespace={route.namespace} name={route.name} tab={route.tab} />
          ) : route.page === 'vmNew' ? (
            <CreateVmYamlPage key={route.namespace} namespace={route.namespace} />
          ) : (
            <VmList namespace={selectedNs} folder={shownFolder?.name} />
          )}
        </FlexItem>
      </Flex>
    </PageSection>
  );
}
