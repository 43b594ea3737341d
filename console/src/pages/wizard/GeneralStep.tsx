// The General step (seed 002's first table): the template and project it creates from, the source,
// the operating system (the template's, not editable), flavor with memory and CPU, workload
// profile, the name with its rule checked as it is typed, a description, and start on creation.
import { Checkbox, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, TextArea, TextInput } from '@patternfly/react-core';
import { displayName, osName, WORKLOADS } from '../../catalog/template-meta.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from './FieldProblems.tsx';
import { FlavorFields } from './FlavorFields.tsx';
import { SourceFields } from './SourceFields.tsx';
import { useWizardModel } from './wizard-model.ts';

const RESERVED = /^(openshift|kube|vireo)-/;

export function GeneralStep() {
  const { t } = useT();
  const { template, namespace, state, update, problems, busy } = useWizardModel();
  const g = state.general;
  const setGeneral = (patch: Partial<typeof g>) => update((s) => ({ ...s, general: { ...s.general, ...patch } }));
  return (
    <Form id="wizard-general" onSubmit={(e) => e.preventDefault()} style={{ maxWidth: 640 }}>
      <FormGroup label={t('wizard.template')} fieldId="wizard-template">
        <span id="wizard-template">
          {displayName(template)} ({template.metadata.name})
        </span>
      </FormGroup>
      <FormGroup label={t('catalog.project')} fieldId="wizard-project">
        <span id="wizard-project">{namespace}</span>
        {/* Seed 002's warning, said before the API refuses it on Create. */}
        {RESERVED.test(namespace) && (
          <FormHelperText>
            <HelperText id="wizard-project-warning">
              <HelperTextItem variant="warning">{t('wizard.reservedProject')}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
      <SourceFields />
      <FormGroup label={t('wizard.os')} fieldId="wizard-os">
        <span id="wizard-os">{osName(template)}</span>
      </FormGroup>
      <FlavorFields />
      <FormGroup label={t('wizard.workload')} isRequired fieldId="wizard-workload">
        <FormSelect id="wizard-workload" value={g.workload} isDisabled={busy} onChange={(_e, v) => setGeneral({ workload: WORKLOADS.find((w) => w === v) ?? g.workload })}>
          {WORKLOADS.map((w) => (
            <FormSelectOption key={w} value={w} label={t(`workload.${w}`)} />
          ))}
        </FormSelect>
        <FieldProblems id="wizard-workload-hint" problems={[]} hint={t(`wizard.workloadHelp.${g.workload}`)} />
      </FormGroup>
      <FormGroup label={t('wizard.name')} isRequired fieldId="wizard-name">
        <TextInput id="wizard-name" isRequired value={g.name} isDisabled={busy} validated={problems.general.name.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setGeneral({ name: v })} />
        <FieldProblems id="wizard-name-problems" problems={problems.general.name} />
      </FormGroup>
      <FormGroup label={t('wizard.description')} fieldId="wizard-description">
        <TextArea id="wizard-description" value={g.description} isDisabled={busy} onChange={(_e, v) => setGeneral({ description: v })} resizeOrientation="vertical" />
      </FormGroup>
      <Checkbox id="wizard-start" label={t('quick.start')} isChecked={g.start} isDisabled={busy} onChange={(_e, v) => setGeneral({ start: v })} />
    </Form>
  );
}
