// Edit cloud-init: the #cloud-config's user, password and hostname as a form, or the whole
// user-data as a script (the only way when it is not a #cloud-config).
import { FormGroup, TextArea, TextInput, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { cloudInitOf, cloudInitOps, formUserData, type CloudInitForm } from '../../config/cloud-init.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { dnsLabelProblems } from '../../wizard/field-rules.ts';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function CloudInitModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const view = cloudInitOf(asConfigVm(vm));
  const formable = !view || view.form !== undefined;
  const [mode, setMode] = useState<'form' | 'script'>(formable ? 'form' : 'script');
  const [form, setForm] = useState<CloudInitForm>(() => view?.form ?? { user: '', password: '', hostname: '' });
  const [script, setScript] = useState(() => view?.userData ?? '');
  const host = form.hostname.trim();
  const hostP = host === '' ? [] : dnsLabelProblems(host, { empty: { key: 'wizard.hostnameChars' }, chars: { key: 'wizard.hostnameChars' }, ends: { key: 'wizard.hostnameEnds' }, tooLong: { key: 'wizard.hostnameTooLong' } });
  const switchTo = (m: 'form' | 'script') => {
    // The script starts from what the form says, so switching loses nothing.
    if (m === 'script' && mode === 'form') setScript(formUserData(view?.form ? view.userData : '', form));
    setMode(m);
  };
  const build = mode === 'form' ? (hostP.length > 0 ? undefined : { mode, ...form }) : { mode, userData: script };
  return (
    <ConfigModal id="cloud-init-modal" variant="medium" title={t('config.editCloudInit')} vm={vm} build={build && ((cur) => cloudInitOps(cur, build))} onClose={onClose}>
      <ToggleGroup aria-label={t('config.cloudInit')}>
        <ToggleGroupItem id="cloud-init-form-mode" text={t('config.cloudInitForm')} isSelected={mode === 'form'} isDisabled={!formable} onChange={() => switchTo('form')} />
        <ToggleGroupItem id="cloud-init-script-mode" text={t('config.cloudInitScript')} isSelected={mode === 'script'} onChange={() => switchTo('script')} />
      </ToggleGroup>
      {!formable && <FieldProblems id="cloud-init-unreadable" problems={[]} hint={t('config.cloudInitUnreadable')} />}
      {mode === 'form' ? (
        <>
          <FormGroup label={t('config.user')} fieldId="cloud-init-user">
            <TextInput id="cloud-init-user" value={form.user} onChange={(_e, v) => setForm((f) => ({ ...f, user: v }))} />
          </FormGroup>
          <FormGroup label={t('config.password')} fieldId="cloud-init-password">
            <TextInput id="cloud-init-password" type="password" value={form.password} onChange={(_e, v) => setForm((f) => ({ ...f, password: v }))} />
          </FormGroup>
          <FormGroup label={t('config.hostname')} fieldId="cloud-init-hostname">
            <TextInput id="cloud-init-hostname" value={form.hostname} validated={hostP.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setForm((f) => ({ ...f, hostname: v }))} />
            <FieldProblems id="cloud-init-hostname-problems" problems={hostP} />
          </FormGroup>
        </>
      ) : (
        <FormGroup label={t('config.userData')} fieldId="cloud-init-script">
          <TextArea id="cloud-init-script" value={script} rows={12} resizeOrientation="vertical" style={{ fontFamily: 'monospace' }} onChange={(_e, v) => setScript(v)} />
        </FormGroup>
      )}
    </ConfigModal>
  );
}
