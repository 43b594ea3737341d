// Set the public SSH key: stored in a new Secret of the project (owned by the VM), which the VM's
// accessCredentials then name with noCloud propagation; the Secret is created first, so the
// patch never names one that does not exist.
import { FormGroup, TextArea } from '@patternfly/react-core';
import { useRef, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { Secret, VirtualMachine } from '../../api/types.ts';
import { sshKeyOps, sshKeyProblems, sshKeySecret } from '../../config/ssh.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function SshKeyModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const { client } = useApi();
  const [key, setKey] = useState('');
  // The Secret made by this dialog: a retried save (the patch refused) reuses it.
  const created = useRef<string | undefined>(undefined);
  const p = sshKeyProblems(key);
  const createSecret = async () => {
    if (created.current) return;
    const s = await client.create<Secret>(paths.secrets(vm.metadata.namespace ?? 'default'), sshKeySecret(asConfigVm(vm), key));
    created.current = s.metadata.name;
  };
  return (
    <ConfigModal
      id="ssh-key-modal"
      variant="medium"
      title={t('config.sshEditKey')}
      vm={vm}
      before={createSecret}
      build={p.length > 0 ? undefined : (cur) => sshKeyOps(cur, created.current ?? '')}
      onClose={onClose}
    >
      <FormGroup label={t('config.sshKey')} isRequired fieldId="ssh-key-input">
        <TextArea
          id="ssh-key-input"
          value={key}
          rows={5}
          resizeOrientation="vertical"
          validated={key !== '' && p.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => {
            setKey(v);
            created.current = undefined;
          }}
        />
        <FieldProblems id="ssh-key-problems" problems={key === '' ? [] : p} hint={t('config.sshKeyHelp')} />
      </FormGroup>
    </ConfigModal>
  );
}
