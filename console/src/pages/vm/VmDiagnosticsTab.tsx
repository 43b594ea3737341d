// The VM details Diagnostics tab: the VMI's and the VM's status conditions, the VMI's volume status,
// and the guest system log (the last lines of its serial console, through the VMI's consolelog
// subresource). Everything comes from the objects the page already watches, except the log.
import { Title } from '@patternfly/react-core';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { ConditionsTable } from './ConditionsTable.tsx';
import { GuestLog } from './GuestLog.tsx';
import { VolumeStatusTable } from './VolumeStatusTable.tsx';

const section = { marginTop: 24 };

export function VmDiagnosticsTab({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  return (
    <div id="vm-tab-diagnostics" style={{ marginTop: 16 }}>
      <Title headingLevel="h2" size="lg">
        {t('diag.vmiConditions')}
      </Title>
      {vmi ? <ConditionsTable id="vmi-conditions" label={t('diag.vmiConditions')} conditions={vmi.status?.conditions ?? []} /> : <p id="vmi-conditions">{t('diag.noVmi')}</p>}
      <Title headingLevel="h2" size="lg" style={section}>
        {t('diag.vmConditions')}
      </Title>
      <ConditionsTable id="vm-conditions" label={t('diag.vmConditions')} conditions={vm.status?.conditions ?? []} />
      <Title headingLevel="h2" size="lg" style={section}>
        {t('diag.volumes')}
      </Title>
      {vmi ? <VolumeStatusTable volumes={vmi.status?.volumeStatus ?? []} specVolumes={vm.spec?.template?.spec?.volumes} /> : <p id="vm-volume-status">{t('diag.noVmi')}</p>}
      <GuestLog namespace={vm.metadata.namespace ?? 'default'} vmi={vmi} />
    </div>
  );
}
