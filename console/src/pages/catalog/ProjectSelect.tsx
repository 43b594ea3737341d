// The project a new VM goes to (OpenShift's project bar over the catalog); changing it changes the
// URL, so the catalog of another project is a link like any other.
import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { Namespace } from '../../api/types.ts';
import { useT } from '../../context.tsx';

export function ProjectSelect({ namespace, onChange }: { namespace: string; onChange: (ns: string) => void }) {
  const { t } = useT();
  const namespaces = useWatchList<Namespace>(paths.namespaces());
  // The current one is listed even before (or without) the list, so the select never lies.
  const names = [...new Set([namespace, ...namespaces.items.map((n) => n.metadata.name)])].sort();
  return (
    <FormSelect id="catalog-project" aria-label={t('catalog.project')} value={namespace} onChange={(_e, v) => onChange(v)} style={{ minWidth: 220 }}>
      {names.map((n) => (
        <FormSelectOption key={n} value={n} label={n} />
      ))}
    </FormSelect>
  );
}
