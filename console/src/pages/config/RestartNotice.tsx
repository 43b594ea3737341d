// What a running VM's owner needs to know before editing: template changes apply at the next
// restart, and once some are pending KubeVirt's RestartRequired condition says so.
import { Alert } from '@patternfly/react-core';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { restartNotice } from '../../config/restart.ts';
import { useT } from '../../context.tsx';

export function RestartNotice({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const n = restartNotice(vm, vmi);
  if (!n) return null;
  if (n.kind === 'required') {
    return (
      <Alert id="config-restart-required" variant="warning" isInline title={t('config.restartRequired')} style={{ marginBottom: 16 }}>
        {t('config.restartRequiredBody', { message: n.message })}
      </Alert>
    );
  }
  return <Alert id="config-restart-pending" variant="info" isInline isPlain title={t('config.restartPending')} style={{ marginBottom: 16 }} />;
}
