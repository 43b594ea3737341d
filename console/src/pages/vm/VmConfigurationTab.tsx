// The VM details Configuration tab (seed 000): seven sub-tabs in a vertical list as the OpenShift
// console has them — Details, Storage, Network, Scheduling, SSH, Initial run, Metadata — each in
// its own file under pages/config/. Only the open sub-tab mounts, so hidden ones open no watches.
import { Flex, FlexItem, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import type { MessageKey } from '../../i18n.ts';
import { DetailsTab } from '../config/DetailsTab.tsx';
import { InitialRunTab } from '../config/InitialRunTab.tsx';
import { MetadataTab } from '../config/MetadataTab.tsx';
import { NetworkTab } from '../config/NetworkTab.tsx';
import { RestartNotice } from '../config/RestartNotice.tsx';
import { SchedulingTab } from '../config/SchedulingTab.tsx';
import { SshTab } from '../config/SshTab.tsx';
import { StorageTab } from '../config/StorageTab.tsx';

type SubTab = 'details' | 'storage' | 'network' | 'scheduling' | 'ssh' | 'initialRun' | 'metadata';
const TITLES: Record<SubTab, MessageKey> = {
  details: 'config.details',
  storage: 'config.storage',
  network: 'config.network',
  scheduling: 'config.scheduling',
  ssh: 'config.ssh',
  initialRun: 'config.initialRun',
  metadata: 'config.metadata',
};
const SUB_TABS: readonly SubTab[] = ['details', 'storage', 'network', 'scheduling', 'ssh', 'initialRun', 'metadata'];

export function VmConfigurationTab({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const [tab, setTab] = useState<SubTab>('details');
  const body = () => {
    switch (tab) {
      case 'details':
        return <DetailsTab vm={vm} />;
      case 'storage':
        return <StorageTab vm={vm} />;
      case 'network':
        return <NetworkTab vm={vm} />;
      case 'scheduling':
        return <SchedulingTab vm={vm} />;
      case 'ssh':
        return <SshTab vm={vm} vmi={vmi} />;
      case 'initialRun':
        return <InitialRunTab vm={vm} />;
      case 'metadata':
        return <MetadataTab vm={vm} />;
    }
  };
  return (
    <Flex id="vm-tab-configuration" flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsFlexStart' }} style={{ marginTop: 16 }}>
      <FlexItem>
        <Tabs id="config-tabs" isVertical activeKey={tab} onSelect={(_e, k) => setTab(SUB_TABS.find((s) => s === k) ?? 'details')} aria-label={t('details.configuration')}>
          {SUB_TABS.map((s) => (
            <Tab key={s} eventKey={s} data-config-tab={s} title={<TabTitleText>{t(TITLES[s])}</TabTitleText>} />
          ))}
        </Tabs>
      </FlexItem>
      <FlexItem flex={{ default: 'flex_1' }} id={`config-${tab}`} data-config-panel={tab} style={{ minWidth: 0 }}>
        <RestartNotice vm={vm} vmi={vmi} />
        {body()}
      </FlexItem>
    </Flex>
  );
}
