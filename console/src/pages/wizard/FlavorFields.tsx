// General → Flavor, Memory and CPU (seed 002): a preset flavor shows the CPU and memory the OS's
// template of that size has; Custom makes both editable, each checked as it is typed.
import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { readableSize } from '../../catalog/template-vm.ts';
import { useT } from '../../context.tsx';
import { withFlavor } from '../../wizard/edits.ts';
import { MEMORY_UNITS, FLAVORS } from '../../wizard/state.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { SizeInput } from './SizeInput.tsx';
import { useWizardModel } from './wizard-model.ts';

export function FlavorFields() {
  const { t } = useT();
  const { state, update, problems, presets, busy } = useWizardModel();
  const g = state.general;
  const p = problems.general;
  const custom = g.flavor === 'custom';
  return (
    <>
      <FormGroup label={t('wizard.flavor')} isRequired fieldId="wizard-flavor">
        <FormSelect id="wizard-flavor" value={g.flavor} isDisabled={busy} onChange={(_e, v) => update((s) => withFlavor(s, FLAVORS.find((f) => f === v) ?? s.general.flavor, presets))}>
          {FLAVORS.map((f) => (
            <FormSelectOption
              key={f}
              value={f}
              label={f === 'custom' ? t('wizard.flavor.custom') : t('wizard.flavorValue', { flavor: t(`wizard.flavor.${f}`), cpus: presets[f].cpus, memory: readableSize(presets[f].memory) })}
            />
          ))}
        </FormSelect>
        <FieldProblems id="wizard-flavor-hint" problems={[]} hint={t('wizard.flavorHelp')} />
      </FormGroup>
      <FormGroup label={t('wizard.memory')} isRequired fieldId="wizard-memory">
        <SizeInput
          id="wizard-memory"
          size={g.memory}
          units={MEMORY_UNITS}
          invalid={p.memory.length > 0}
          isDisabled={busy || !custom}
          unitLabel={t('wizard.memoryUnit')}
          onChange={(memory) => update((s) => ({ ...s, general: { ...s.general, memory } }))}
        />
        <FieldProblems id="wizard-memory-problems" problems={p.memory} />
      </FormGroup>
      <FormGroup label={t('wizard.cpu')} isRequired fieldId="wizard-cpu">
        <TextInput
          id="wizard-cpu"
          type="number"
          min={1}
          value={g.cpus}
          isDisabled={busy || !custom}
          validated={p.cpus.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => update((s) => ({ ...s, general: { ...s.general, cpus: v } }))}
        />
        <FieldProblems id="wizard-cpu-problems" problems={p.cpus} />
      </FormGroup>
    </>
  );
}
