// Edit the firmware boot mode: BIOS, UEFI or UEFI with secure boot (which turns SMM on).
import { FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { BOOT_MODES, bootModeOf, bootModeOps, type BootMode } from '../../config/details.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function BootModeModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<BootMode>(() => bootModeOf(asConfigVm(vm)));
  return (
    <ConfigModal id="boot-mode-modal" title={t('config.editBootMode')} vm={vm} build={(cur) => bootModeOps(cur, mode)} onClose={onClose}>
      <FormGroup role="radiogroup" label={t('config.bootMode')} fieldId="config-boot-mode-radios" isStack>
        {BOOT_MODES.map((m) => (
          <Radio key={m} id={`config-boot-mode-${m}`} name="boot-mode" label={t(`config.bootMode.${m}`)} isChecked={mode === m} onChange={() => setMode(m)} />
        ))}
      </FormGroup>
    </ConfigModal>
  );
}
