// A VM's details: the header with its status and the action shortcuts (one factory, the lab's
// enable rules), the Overview tab (Details and General cards), a read-only YAML tab and the Console
// tab (VNC and serial).
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  CardTitle,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Dropdown,
  DropdownItem,
  DropdownList,
  Flex,
  FlexItem,
  Gallery,
  MenuToggle,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { stringify } from 'yaml';
import { useApi, useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { Pod, VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { VmTab } from '../route.ts';
import { vmActions, type VmAction } from '../vm/actions.ts';
import { cpuMemory } from '../vm/details.ts';
import { vmStatus } from '../vm/status.ts';
import { VmStatus } from './StatusIcon.tsx';
import { VmConsoleTab } from './VmConsoleTab.tsx';

export function VmDetailsPage({ namespace, name, tab }: { namespace: string; name: string; tab: VmTab }) {
  const { t, lang } = useT();
  const { client } = useApi();
  const { navigate } = useRouter();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const vm = vms.items.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  const vmi = vmis.items.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  const uid = vmi?.metadata.uid;
  const pods = useWatchList<Pod>(uid ? paths.pods(namespace, `kubevirt.io/created-by=${uid}`) : undefined);
  const pod = pods.items.find((p) => !p.metadata.deletionTimestamp) ?? pods.items[0];
  const [errors, setErrors] = useState<{ id: number; title: string; message: string }[]>([]);
  const [pending, setPending] = useState<string>();
  const [menuOpen, setMenuOpen] = useState(false);

  if (!vm) {
    return vms.loaded ? <Alert variant="warning" isInline title={t('details.notFound', { name })} /> : null;
  }
  const status = vmStatus(vm);
  const actions = vmActions(namespace, name, status);
  const run = async (a: VmAction) => {
    setPending(a.id);
    try {
      await client.put(a.path, {});
    } catch (e) {
      setErrors((l) => [...l, { id: Date.now(), title: t('action.failed', { action: t(a.label) }), message: (e as Error).message }]);
    } finally {
      setPending(undefined);
    }
  };
  const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') : t('details.none'));
  const none = t('details.none');
  const os = vmi?.status?.guestOSInfo;
  const item = (label: string, value: ReactNode, id?: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription id={id}>{value || none}</DescriptionListDescription>
    </DescriptionListGroup>
  );

  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <FlexItem>
          <Button variant="link" isInline onClick={() => navigate({ page: 'vms', namespace })}>
            {t('details.back')}
          </Button>
          <Title headingLevel="h1" id="vm-title">
            {name} <span id="vm-status" style={{ fontSize: 16, fontWeight: 400, marginLeft: 8 }}><VmStatus status={status} /></span>
          </Title>
        </FlexItem>
        <FlexItem>
          <Flex gap={{ default: 'gapSm' }} id="vm-actions">
            {actions.map((a) => (
              <Button key={a.id} id={`action-${a.id}`} variant="secondary" isDisabled={!a.enabled || pending !== undefined} isLoading={pending === a.id} onClick={() => void run(a)}>
                {t(a.label)}
              </Button>
            ))}
            <Dropdown
              isOpen={menuOpen}
              onOpenChange={setMenuOpen}
              onSelect={() => setMenuOpen(false)}
              popperProps={{ position: 'right' }}
              toggle={(ref) => (
                <MenuToggle ref={ref} id="actions-menu" variant="primary" isExpanded={menuOpen} onClick={() => setMenuOpen((o) => !o)}>
                  {t('action.menu')}
                </MenuToggle>
              )}
            >
              <DropdownList>
                {actions.map((a) => (
                  <DropdownItem key={a.id} id={`menu-${a.id}`} isDisabled={!a.enabled || pending !== undefined} onClick={() => void run(a)}>
                    {t(a.label)}
                  </DropdownItem>
                ))}
              </DropdownList>
            </Dropdown>
          </Flex>
        </FlexItem>
      </Flex>
      {errors.map((e) => (
        <Alert
          key={e.id}
          variant="danger"
          isInline
          className="action-error"
          title={e.title}
          actionClose={<AlertActionCloseButton onClose={() => setErrors((l) => l.filter((x) => x.id !== e.id))} />}
          style={{ marginBottom: 12 }}
        >
          {e.message}
        </Alert>
      ))}
      <Tabs activeKey={tab} onSelect={(_e, k) => navigate({ page: 'vm', namespace, name, tab: k as VmTab })}>
        <Tab eventKey="overview" title={<TabTitleText>{t('details.overview')}</TabTitleText>}>
          <Gallery hasGutter minWidths={{ default: '360px' }} style={{ marginTop: 16 }}>
            <Card id="card-details">
              <CardTitle>{t('details.details')}</CardTitle>
              <CardBody>
                <DescriptionList>
                  {item(t('details.name'), name)}
                  {item(t('details.status'), <VmStatus status={status} />)}
                  {item(t('details.created'), fmt(vm.metadata.creationTimestamp))}
                  {item(t('details.os'), os?.prettyName || os?.name, 'vm-os')}
                  {item(t('details.cpuMemory'), cpuMemory(vm))}
                </DescriptionList>
              </CardBody>
            </Card>
            <Card id="card-general">
              <CardTitle>{t('details.general')}</CardTitle>
              <CardBody>
                <DescriptionList>
                  {item(t('details.namespace'), namespace)}
                  {item(t('details.vmi'), vmi?.metadata.name, 'vm-vmi')}
                  {item(t('details.pod'), pod?.metadata.name, 'vm-pod')}
                  {item(t('details.node'), pod?.spec?.nodeName ?? vmi?.status?.nodeName, 'vm-node')}
                </DescriptionList>
              </CardBody>
            </Card>
          </Gallery>
        </Tab>
        <Tab eventKey="yaml" title={<TabTitleText>{t('details.yaml')}</TabTitleText>}>
          <CodeBlock style={{ marginTop: 16 }}>
            <CodeBlockCode id="vm-yaml">{stringify(vm)}</CodeBlockCode>
          </CodeBlock>
        </Tab>
        <Tab eventKey="console" title={<TabTitleText>{t('details.console')}</TabTitleText>}>
          {/* Only the open tab connects: a hidden console would hold the guest's one serial line. */}
          {tab === 'console' && <VmConsoleTab namespace={namespace} name={name} vmi={vmi} />}
        </Tab>
      </Tabs>
    </>
  );
}
