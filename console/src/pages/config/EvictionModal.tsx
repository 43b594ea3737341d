// Edit the eviction strategy: what happens to the VM when its node is drained.
import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { EVICTION_STRATEGIES, evictionOf, evictionOps, type Eviction } from '../../config/scheduling.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function EvictionModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [value, setValue] = useState<Eviction>(() => evictionOf(asConfigVm(vm)));
  return (
    <ConfigModal id="eviction-modal" title={t('config.editEviction')} vm={vm} build={(cur) => evictionOps(cur, value)} onClose={onClose}>
      <FormGroup label={t('config.eviction')} fieldId="config-eviction-select">
        <FormSelect id="config-eviction-select" value={value} onChange={(_e, v) => setValue(EVICTION_STRATEGIES.find((s) => s === v) ?? '')}>
          <FormSelectOption value="" label={t('config.evictionDefault')} />
          {EVICTION_STRATEGIES.map((s) => (
            <FormSelectOption key={s} value={s} label={s} />
          ))}
        </FormSelect>
        {value && <FieldProblems id="config-eviction-hint" problems={[]} hint={t(`config.evictionHelp.${value}`)} />}
      </FormGroup>
    </ConfigModal>
  );
}
