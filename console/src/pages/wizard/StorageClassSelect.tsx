// A StorageClass for a new PVC: the cluster's default (left to the API, as OpenShift does) or one
// of the live list.
import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useT } from '../../context.tsx';
import { useWizardModel } from './wizard-model.ts';

export function StorageClassSelect({ id, value, onChange }: { id: string; value: string; onChange: (name: string) => void }) {
  const { t } = useT();
  const { data } = useWizardModel();
  const def = data.storageClasses.find((c) => c.isDefault)?.name;
  const names = [...new Set([...data.storageClasses.map((c) => c.name), ...(value ? [value] : [])])].sort();
  return (
    <FormSelect id={id} value={value} onChange={(_e, v) => onChange(v)}>
      <FormSelectOption value="" label={def ? t('wizard.defaultStorageClass', { name: def }) : t('wizard.defaultStorageClassNone')} />
      {names.map((n) => (
        <FormSelectOption key={n} value={n} label={n} />
      ))}
    </FormSelect>
  );
}
