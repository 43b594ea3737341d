// Copy SSH command: copies `ssh -p PORT USER@HOST` to the clipboard as it opens, and shows it (and
// `vireo ssh`) to copy by hand, since a browser may refuse the clipboard (no HTTPS trust, no focus).
import { Alert, ClipboardCopy, HelperText, HelperTextItem, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { cloudInitUser, sshCommand, sshTarget, vireoSshCommand, vmUserData } from '../../vm/ssh-command.ts';

export function SshCommandModal({ vm, vmi, onClose }: { vm: VirtualMachine; vmi?: VirtualMachineInstance; onClose: () => void }) {
  const { t } = useT();
  const target = sshTarget(vmi);
  const user = cloudInitUser(vmUserData(vm));
  const command = 'problem' in target ? undefined : sshCommand(target, user);
  const [copy, setCopy] = useState<{ ok: true } | { ok: false; message: string }>();
  useEffect(() => {
    if (!command) return;
    if (!navigator.clipboard) return setCopy({ ok: false, message: 'navigator.clipboard is not available' });
    navigator.clipboard.writeText(command).then(
      () => setCopy({ ok: true }),
      (e: Error) => setCopy({ ok: false, message: e.message }),
    );
  }, [command]);
  return (
    <Modal id="ssh-modal" variant="small" isOpen onClose={onClose} aria-labelledby="ssh-modal-title">
      <ModalHeader title={t('ssh.title')} labelId="ssh-modal-title" />
      <ModalBody>
        {'problem' in target ? (
          <Alert id="ssh-problem" variant="warning" isInline title={t(target.problem)} />
        ) : (
          <>
            {copy && <Alert id="ssh-copy-status" variant={copy.ok ? 'success' : 'warning'} isInline isPlain title={copy.ok ? t('ssh.copied') : t('ssh.copyFailed', { message: copy.message })} style={{ marginBottom: 12 }} />}
            <ClipboardCopy id="ssh-command" isReadOnly hoverTip={t('ssh.title')} clickTip={t('ssh.copied')}>
              {sshCommand(target, user)}
            </ClipboardCopy>
            {!user && (
              <HelperText style={{ marginTop: 8 }}>
                <HelperTextItem id="ssh-user-unknown">{t('ssh.userUnknown')}</HelperTextItem>
              </HelperText>
            )}
            <p style={{ margin: '16px 0 8px' }}>{t('ssh.alternative')}</p>
            <ClipboardCopy id="ssh-vireo-command" isReadOnly hoverTip={t('ssh.title')} clickTip={t('ssh.copied')}>
              {vireoSshCommand(vm.metadata.namespace ?? 'default', vm.metadata.name, user)}
            </ClipboardCopy>
          </>
        )}
      </ModalBody>
    </Modal>
  );
}
