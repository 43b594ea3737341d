// Edit CPU | Memory: the vCPU count and the guest memory, checked as typed with the wizard's rules.
import { FormGroup, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { cpuMemoryOps, memoryOf, vcpusOf } from '../../config/details.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { positiveIntegerProblems, sizeProblems } from '../../wizard/field-rules.ts';
import { sizeOf } from '../../wizard/size.ts';
import { MEMORY_UNITS } from '../../wizard/state.ts';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { SizeInput } from '../wizard/SizeInput.tsx';
import { ConfigModal } from './ConfigModal.tsx';

export function CpuMemoryModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [cpus, setCpus] = useState(() => String(vcpusOf(asConfigVm(vm))));
  const [memory, setMemory] = useState(() => sizeOf(memoryOf(asConfigVm(vm)), MEMORY_UNITS, { value: '', unit: 'Gi' }));
  const cpuP = positiveIntegerProblems(cpus, { key: 'wizard.cpuEmpty' }, { key: 'wizard.cpuPositive' });
  const memP = memory.value.trim() === '' ? [{ key: 'wizard.memoryEmpty' as const }] : sizeProblems(memory).length > 0 ? [{ key: 'wizard.memoryPositive' as const }] : [];
  const invalid = cpuP.length > 0 || memP.length > 0;
  return (
    <ConfigModal id="cpu-memory-modal" title={t('config.editCpuMemory')} vm={vm} build={invalid ? undefined : (cur) => cpuMemoryOps(cur, Number(cpus), memory)} onClose={onClose}>
      <FormGroup label={t('config.cpus')} isRequired fieldId="config-cpus">
        <TextInput id="config-cpus" type="number" min={1} value={cpus} validated={cpuP.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setCpus(v)} />
        <FieldProblems id="config-cpus-problems" problems={cpuP} />
      </FormGroup>
      <FormGroup label={t('wizard.memory')} isRequired fieldId="config-memory">
        <SizeInput id="config-memory" size={memory} units={MEMORY_UNITS} invalid={memP.length > 0} unitLabel={t('wizard.memoryUnit')} onChange={setMemory} />
        <FieldProblems id="config-memory-problems" problems={memP} />
      </FormGroup>
    </ConfigModal>
  );
}
