// SSH: the public SSH key the VM's accessCredentials name (set in a dialog) and, while the VM runs
// with its port 22 forwarded, the commands to connect.
import { ClipboardCopy, DescriptionList, Title } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { cloudInitOf } from '../../config/cloud-init.ts';
import { sshCommands, sshEndpoint, sshKeyOf } from '../../config/ssh.ts';
import { asConfigVm, templateSpecOf } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { DetailItem } from '../vm/DetailItem.tsx';
import { EditButton } from './EditButton.tsx';
import { SshKeyModal } from './SshKeyModal.tsx';

export function SshTab({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const [editing, setEditing] = useState(false);
  const c = asConfigVm(vm);
  const key = sshKeyOf(c);
  const endpoint = sshEndpoint(vmi);
  const user = cloudInitOf(c)?.form?.user ?? '';
  const cmds = endpoint && sshCommands(c, endpoint, user);
  const noCloud = templateSpecOf(c).volumes?.some((v) => v.cloudInitNoCloud);
  return (
    <>
      <Title headingLevel="h2" size="lg" style={{ marginBottom: 16 }}>
        {t('config.sshAccess')}
      </Title>
      <DescriptionList>
        <DetailItem label={t('config.sshKeySecret')} id="config-ssh-key">
          <EditButton id="config-edit-ssh-key" label={t('config.sshEditKey')} onClick={() => setEditing(true)}>
            {key ? t('config.sshSecretName', { name: key.secretName }) : t('config.sshNoKey')}
          </EditButton>
        </DetailItem>
        {key && (
          <DetailItem label={t('config.sshPropagation')} id="config-ssh-propagation">
            {key.propagation}
            {key.propagation === 'noCloud' && !noCloud && <div>{t('config.sshNeedsCloudInit')}</div>}
          </DetailItem>
        )}
        <DetailItem label={t('config.sshCommand')} id="config-ssh-command">
          {!vmi ? (
            t('config.sshNotRunning')
          ) : !cmds ? (
            t('config.sshNoPort')
          ) : (
            <>
              <ClipboardCopy id="config-ssh-copy" isReadOnly hoverTip={t('config.sshCommand')} clickTip="✓">
                {cmds.ssh}
              </ClipboardCopy>
              <div style={{ marginTop: 8 }}>{t('config.sshVireo')}</div>
              <ClipboardCopy id="config-ssh-vireo" isReadOnly hoverTip={t('config.sshVireo')} clickTip="✓">
                {cmds.vireo}
              </ClipboardCopy>
            </>
          )}
        </DetailItem>
      </DescriptionList>
      {editing && <SshKeyModal vm={vm} onClose={() => setEditing(false)} />}
    </>
  );
}
