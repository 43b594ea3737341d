// A PVC by project and name from the live list of claims: any project's for a clone, only the
// VM's own for a claim attached as it is (`fixedNamespace`).
import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useList } from './use-list.ts';
import { paths } from '../../api/resources.ts';
import type { PersistentVolumeClaim } from '../../api/types.ts';
import type { Message } from '../../catalog/message.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';

interface Props {
  id: string;
  namespace: string;
  name: string;
  onChange: (namespace: string, name: string) => void;
  problems: readonly Message[];
  fixedNamespace?: string;
}

export function ClaimSelect({ id, namespace, name, onChange, problems, fixedNamespace }: Props) {
  const { t } = useT();
  const pvcs = useList<PersistentVolumeClaim>(paths.pvcs()).items;
  const ns = fixedNamespace ?? namespace;
  const claims = pvcs.filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name).sort();
  const projects = [...new Set(pvcs.map((p) => p.metadata.namespace ?? ''))].filter(Boolean).sort();
  return (
    <>
      {fixedNamespace === undefined && (
        <FormGroup label={t('wizard.pvcProject')} isRequired fieldId={`${id}-project`}>
          <FormSelect id={`${id}-project`} value={namespace} onChange={(_e, v) => onChange(v, '')}>
            <FormSelectOption value="" label={t('wizard.selectProject')} isPlaceholder />
            {projects.map((p) => (
              <FormSelectOption key={p} value={p} label={p} />
            ))}
          </FormSelect>
        </FormGroup>
      )}
      <FormGroup label={t('wizard.pvcName')} isRequired fieldId={`${id}-name`}>
        <FormSelect id={`${id}-name`} value={name} isDisabled={!ns} validated={problems.length > 0 ? 'error' : 'default'} onChange={(_e, v) => onChange(ns, v)}>
          <FormSelectOption value="" label={t('wizard.selectPvc')} isPlaceholder />
          {claims.map((c) => (
            <FormSelectOption key={c} value={c} label={c} />
          ))}
        </FormSelect>
        <FieldProblems id={`${id}-problems`} problems={problems} />
      </FormGroup>
    </>
  );
}
