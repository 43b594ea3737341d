// One term and value of a details card; an empty value reads "Not available".
import { DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useT } from '../../context.tsx';

export function DetailItem({ label, id, children }: { label: string; id?: string; children?: ReactNode }) {
  const { t } = useT();
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription id={id}>{children || t('details.none')}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
