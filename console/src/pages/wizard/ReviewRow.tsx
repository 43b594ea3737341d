// One setting on the Review step, with the API's messages about it right beneath.
import { DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export function ReviewRow({ row, label, value, errors }: { row: string; label: string; value: ReactNode; errors?: readonly string[] }) {
  return (
    <DescriptionListGroup id={`review-${row.replace(/[^A-Za-z0-9_-]/g, '_')}`} data-row={row}>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>
        {value === '' || value === undefined ? '–' : value}
        {errors && errors.length > 0 && (
          <HelperText className="review-row-errors">
            {errors.map((e, i) => (
              <HelperTextItem key={i} variant="error">
                {e}
              </HelperTextItem>
            ))}
          </HelperText>
        )}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
}
