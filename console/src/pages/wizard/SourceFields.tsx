// General → Source (seed 002): the template's boot source, PXE, a URL, a container image or a
// disk (a PVC to clone), each with its description and the fields it needs. Choosing PXE drops the
// boot disk; choosing another source brings it back (it can be changed in Storage, not removed).
import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useT } from '../../context.tsx';
import { withSource } from '../../wizard/edits.ts';
import { SOURCE_TYPES, type SourceType } from '../../wizard/state.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { PvcSelect } from './PvcSelect.tsx';
import { useWizardModel } from './wizard-model.ts';

export function SourceFields() {
  const { t } = useT();
  const { state, update, problems, bootSource, rootDisk, busy } = useWizardModel();
  const g = state.general;
  const p = problems.general;
  const ref = 'ref' in bootSource ? `${bootSource.ref.namespace}/${bootSource.ref.name}` : undefined;
  const help =
    g.source === 'template' ? (ref ? t('wizard.sourceHelp.template', { ref }) : t('wizard.sourceHelp.templateOwn')) : t(`wizard.sourceHelp.${g.source}`);
  const setGeneral = (patch: Partial<typeof g>) => update((s) => ({ ...s, general: { ...s.general, ...patch } }));
  return (
    <>
      <FormGroup label={t('wizard.source')} isRequired fieldId="wizard-source">
        <FormSelect
          id="wizard-source"
          value={g.source}
          isDisabled={busy}
          validated={p.source.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => update((s) => withSource(s, SOURCE_TYPES.find((x) => x === v) ?? s.general.source, rootDisk))}
        >
          {SOURCE_TYPES.map((s: SourceType) => (
            <FormSelectOption key={s} value={s} label={t(`wizard.source.${s}`)} />
          ))}
        </FormSelect>
        <FieldProblems id="wizard-source-problems" problems={p.source} hint={help} />
      </FormGroup>
      {g.source === 'url' && (
        <FormGroup label={t('wizard.url')} isRequired fieldId="wizard-url">
          <TextInput id="wizard-url" value={g.url} isDisabled={busy} validated={p.url.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setGeneral({ url: v })} />
          <FieldProblems id="wizard-url-problems" problems={p.url} />
        </FormGroup>
      )}
      {g.source === 'container' && (
        <FormGroup label={t('wizard.image')} isRequired fieldId="wizard-image">
          <TextInput id="wizard-image" value={g.image} placeholder="quay.io/kubevirt/cirros-container-disk-demo" isDisabled={busy} validated={p.image.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setGeneral({ image: v })} />
          <FieldProblems id="wizard-image-problems" problems={p.image} />
        </FormGroup>
      )}
      {g.source === 'disk' && <PvcSelect id="wizard-pvc" namespace={g.pvcNamespace} name={g.pvcName} problems={p.pvc} onChange={(pvcNamespace, pvcName) => setGeneral({ pvcNamespace, pvcName })} />}
    </>
  );
}
