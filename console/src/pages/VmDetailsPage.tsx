// A VM's details: the header with its status and the action shortcuts (one factory, the lab's
// enable rules), the Overview tab (Details with a live VNC thumbnail, General and Migration
// cards), the YAML tab (edit and save) and the Console tab (VNC and serial), and the
// Configuration, Events, Snapshots and Diagnostics tabs (each in its own file under pages/vm/; only
// the open tab mounts, so hidden tabs open no watches).
// Take snapshot from the Actions menu and the Overview's Snapshots card opens one dialog here.
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  Flex,
  FlexItem,
  Gallery,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useWatchList } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import type { Pod, VirtualMachine, VirtualMachineInstance } from '../api/types.ts';
import { useRouter, useT } from '../context.tsx';
import type { VmTab } from '../route.ts';
import { vmActions, type VmActionId } from '../vm/actions.ts';
import { cpuMemory, launcherPod } from '../vm/details.ts';
import { statusProgress } from '../vm/migration.ts';
import { vmStatus } from '../vm/status.ts';
import { VmActionDialog } from './actions/VmActionDialog.tsx';
import { PodLink } from './pod/PodLink.tsx';
import { VmStatus } from './StatusIcon.tsx';
import { ActionErrors } from './vm/ActionErrors.tsx';
import { DetailItem } from './vm/DetailItem.tsx';
import { MigrationCard } from './vm/MigrationCard.tsx';
import { SnapshotsCard } from './vm/SnapshotsCard.tsx';
import { TakeSnapshotModal } from './vm/TakeSnapshotModal.tsx';
import { useVmActionRunner } from './vm/use-vm-action-runner.ts';
import { useVmMigrations } from './vm/use-vm-migrations.ts';
import { VmActionsMenu } from './vm/VmActionsMenu.tsx';
import { UtilizationCard } from './metrics/UtilizationCard.tsx';
import { VmMetricsTab } from './metrics/VmMetricsTab.tsx';
import { VmConfigurationTab } from './vm/VmConfigurationTab.tsx';
import { VmDiagnosticsTab } from './vm/VmDiagnosticsTab.tsx';
import { VmEventsTab } from './vm/VmEventsTab.tsx';
import { VmSnapshotsTab } from './vm/VmSnapshotsTab.tsx';
import { VmConsoleTab } from './VmConsoleTab.tsx';
import { VncThumbnail } from './console/VncThumbnail.tsx';
import { VmYamlTab } from './vm/VmYamlTab.tsx';

export function VmDetailsPage({ namespace, name, tab }: { namespace: string; name: string; tab: VmTab }) {
  const { t, lang } = useT();
  const { navigate } = useRouter();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const vmis = useWatchList<VirtualMachineInstance>(paths.vmis());
  const migrations = useVmMigrations().of(namespace, name);
  const vm = vms.items.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  const vmi = vmis.items.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  const uid = vmi?.metadata.uid;
  // Only the Overview shows the pod: other tabs leave its connection to their own watches (the browser has six).
  const pods = useWatchList<Pod>(uid && tab === 'overview' ? paths.pods(namespace, `kubevirt.io/created-by=${uid}`) : undefined);
  const pod = launcherPod(pods.items, vmi);
  const runner = useVmActionRunner(false);
  const [takingSnapshot, setTakingSnapshot] = useState(false);
  const [dialog, setDialog] = useState<VmActionId>();

  if (!vm) {
    return vms.loaded ? <Alert variant="warning" isInline title={t('details.notFound', { name })} /> : null;
  }
  const status = vmStatus(vm);
  const progress = statusProgress(status, vmi);
  const actions = vmActions({ namespace, name, status, vmi, migrations, vm });
  const busy = runner.pending !== undefined;
  const run = (a: (typeof actions)[number]) => (a.method !== 'DIALOG' ? void runner.run(a, namespace, name) : a.id === 'takeSnapshot' ? setTakingSnapshot(true) : setDialog(a.id));
  const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') : t('details.none'));
  const os = vmi?.status?.guestOSInfo;

  return (
    <>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <FlexItem>
          <Button variant="link" isInline onClick={() => navigate({ page: 'vms', namespace })}>
            {t('details.back')}
          </Button>
          <Title headingLevel="h1" id="vm-title">
            {name} <span id="vm-status" style={{ fontSize: 16, fontWeight: 400, marginLeft: 8 }}><VmStatus status={status} progress={progress} /></span>
          </Title>
        </FlexItem>
        <FlexItem>
          <Flex gap={{ default: 'gapSm' }} id="vm-actions">
            {actions
              .filter((a) => a.group === 'power')
              .map((a) => (
                <Button key={a.id} id={`action-${a.id}`} variant="secondary" isDisabled={!a.enabled || busy} isLoading={runner.pending?.id === a.id} onClick={() => run(a)}>
                  {t(a.label)}
                </Button>
              ))}
            <VmActionsMenu actions={actions} busy={busy} onRun={run} />
          </Flex>
        </FlexItem>
      </Flex>
      <ActionErrors errors={runner.errors} onDismiss={runner.dismiss} />
      {takingSnapshot && <TakeSnapshotModal vm={vm} vmi={vmi} onClose={() => setTakingSnapshot(false)} />}
      {dialog && <VmActionDialog id={dialog} vm={vm} vmi={vmi} onClose={() => setDialog(undefined)} onDeleted={() => navigate({ page: 'vms', namespace })} />}
      <Tabs activeKey={tab} onSelect={(_e, k) => navigate({ page: 'vm', namespace, name, tab: k as VmTab })}>
        <Tab eventKey="overview" title={<TabTitleText>{t('details.overview')}</TabTitleText>}>
          <Gallery hasGutter minWidths={{ default: '360px' }} style={{ marginTop: 16 }}>
            <Card id="card-details">
              <CardTitle>{t('details.details')}</CardTitle>
              <CardBody>
                {/* Keyed by the VMI's uid: a restarted VM is a new VMI, and a new connection. */}
                {tab === 'overview' && (
                  <div style={{ marginBottom: 16 }}>
                    <VncThumbnail
                      key={vmi?.metadata.uid ?? 'none'}
                      namespace={namespace}
                      name={name}
                      running={vmi?.status?.phase === 'Running'}
                      onOpen={() => navigate({ page: 'vm', namespace, name, tab: 'console' })}
                    />
                  </div>
                )}
                <DescriptionList>
                  <DetailItem label={t('details.name')}>{name}</DetailItem>
                  <DetailItem label={t('details.status')} id="vm-details-status">
                    <VmStatus status={status} progress={progress} />
                  </DetailItem>
                  <DetailItem label={t('details.created')}>{fmt(vm.metadata.creationTimestamp)}</DetailItem>
                  <DetailItem label={t('details.os')} id="vm-os">
                    {os?.prettyName || os?.name}
                  </DetailItem>
                  <DetailItem label={t('details.cpuMemory')}>{cpuMemory(vm)}</DetailItem>
                </DescriptionList>
              </CardBody>
            </Card>
            <Card id="card-general">
              <CardTitle>{t('details.general')}</CardTitle>
              <CardBody>
                <DescriptionList>
                  <DetailItem label={t('details.namespace')}>{namespace}</DetailItem>
                  <DetailItem label={t('details.vmi')} id="vm-vmi">
                    {vmi?.metadata.name}
                  </DetailItem>
                  <DetailItem label={t('details.pod')} id="vm-pod">
                    {pod && <PodLink namespace={namespace} name={pod.metadata.name} />}
                  </DetailItem>
                  {/* The VMI names the node it runs on; it changes the moment a migration hands over. */}
                  <DetailItem label={t('details.node')} id="vm-node">
                    {vmi?.status?.nodeName ?? pod?.spec?.nodeName}
                  </DetailItem>
                </DescriptionList>
              </CardBody>
            </Card>
            <MigrationCard vmi={vmi} migrations={migrations} />
            {tab === 'overview' && <UtilizationCard namespace={namespace} vmi={vmi} onViewMore={() => navigate({ page: 'vm', namespace, name, tab: 'metrics' })} />}
            {tab === 'overview' && <SnapshotsCard vm={vm} onTake={() => setTakingSnapshot(true)} onViewAll={() => navigate({ page: 'vm', namespace, name, tab: 'snapshots' })} />}
          </Gallery>
        </Tab>
        <Tab eventKey="metrics" title={<TabTitleText>{t('details.metrics')}</TabTitleText>}>
          {tab === 'metrics' && <VmMetricsTab namespace={namespace} vmi={vmi} />}
        </Tab>
        <Tab eventKey="yaml" title={<TabTitleText>{t('details.yaml')}</TabTitleText>}>
          {tab === 'yaml' && <VmYamlTab vm={vm} />}
        </Tab>
        <Tab eventKey="configuration" title={<TabTitleText>{t('details.configuration')}</TabTitleText>}>
          {tab === 'configuration' && <VmConfigurationTab vm={vm} vmi={vmi} />}
        </Tab>
        <Tab eventKey="events" title={<TabTitleText>{t('details.events')}</TabTitleText>}>
          {tab === 'events' && <VmEventsTab vm={vm} vmi={vmi} />}
        </Tab>
        <Tab eventKey="console" title={<TabTitleText>{t('details.console')}</TabTitleText>}>
          {/* Only the open tab connects: a hidden console would hold the guest's one serial line. */}
          {tab === 'console' && <VmConsoleTab namespace={namespace} name={name} vmi={vmi} />}
        </Tab>
        <Tab eventKey="snapshots" title={<TabTitleText>{t('details.snapshots')}</TabTitleText>}>
          {tab === 'snapshots' && <VmSnapshotsTab vm={vm} vmi={vmi} />}
        </Tab>
        <Tab eventKey="diagnostics" title={<TabTitleText>{t('details.diagnostics')}</TabTitleText>}>
          {tab === 'diagnostics' && <VmDiagnosticsTab vm={vm} vmi={vmi} />}
        </Tab>
      </Tabs>
    </>
  );
}
