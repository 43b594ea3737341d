// A StorageClass for a new disk's PVC: the cluster's default (left to the API) or one of the list.
import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useList } from './use-list.ts';
import { paths } from '../../api/resources.ts';
import type { StorageClass } from '../../api/types.ts';
import { useT } from '../../context.tsx';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export function StorageClassSelect({ id, value, onChange }: { id: string; value: string; onChange: (name: string) => void }) {
  const { t } = useT();
  const classes = useList<StorageClass>(paths.storageClasses()).items;
  const def = classes.find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')?.metadata.name;
  const names = [...new Set([...classes.map((c) => c.metadata.name), ...(value ? [value] : [])])].sort();
  return (
    <FormSelect id={id} value={value} onChange={(_e, v) => onChange(v)}>
      <FormSelectOption value="" label={def ? t('wizard.defaultStorageClass', { name: def }) : t('wizard.defaultStorageClassNone')} />
      {names.map((n) => (
        <FormSelectOption key={n} value={n} label={n} />
      ))}
    </FormSelect>
  );
}
