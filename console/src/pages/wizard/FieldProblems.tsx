// A field's helper text: what is wrong with it (as errors), else an optional hint.
import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { Message } from '../../catalog/message.ts';
import { useT } from '../../context.tsx';

export function FieldProblems({ id, problems, hint }: { id: string; problems: readonly Message[]; hint?: string }) {
  const { t } = useT();
  if (problems.length === 0 && !hint) return null;
  return (
    <FormHelperText>
      <HelperText id={problems.length > 0 ? id : `${id}-hint`}>
        {problems.length > 0
          ? problems.map((p, i) => (
              <HelperTextItem key={`${p.key}-${i}`} variant="error">
                {t(p.key, p.vars)}
              </HelperTextItem>
            ))
          : <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
}
