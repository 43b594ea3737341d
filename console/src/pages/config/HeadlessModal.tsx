// Headless mode on or off: whether the VM gets a graphics device (and so a VNC console).
import { FormGroup, Switch } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { headlessOf, headlessOps } from '../../config/details.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function HeadlessModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [on, setOn] = useState(() => headlessOf(asConfigVm(vm)));
  return (
    <ConfigModal id="headless-modal" title={t('config.headless')} vm={vm} build={(cur) => headlessOps(cur, on)} onClose={onClose}>
      <FormGroup fieldId="config-headless-switch">
        <Switch id="config-headless-switch" label={t('config.headless')} isChecked={on} onChange={(_e, v) => setOn(v)} />
        <FieldProblems id="config-headless-hint" problems={[]} hint={t('config.headlessHelp')} />
      </FormGroup>
    </ConfigModal>
  );
}
