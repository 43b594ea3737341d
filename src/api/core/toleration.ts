// Tolerations, shared by Pod (and by anything else that schedules onto tainted nodes).
import { Type, type Static } from '@sinclair/typebox';
import type { FieldError } from '../../machinery/kind.ts';
import { stringEnum } from './enum.ts';

export const TolerationSchema = Type.Object(
  {
    key: Type.Optional(Type.String({ description: 'Taint key; empty with operator Exists matches every taint.' })),
    operator: Type.Optional(stringEnum(['Exists', 'Equal'])),
    value: Type.Optional(Type.String()),
    effect: Type.Optional(stringEnum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])),
    tolerationSeconds: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type Toleration = Static<typeof TolerationSchema>;

export function validateTolerations(list: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (!t.key && t.operator !== 'Exists') {
      errs.push({ field: `${p}.operator`, message: `Invalid value: "${t.operator ?? ''}": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`, reason: 'FieldValueInvalid' });
    }
    if (t.operator === 'Exists' && t.value) {
      errs.push({ field: `${p}.operator`, message: `Invalid value: "${t.value}": value must be empty when \`operator\` is 'Exists'`, reason: 'FieldValueInvalid' });
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push({ field: `${p}.effect`, message: `Invalid value: "${t.effect ?? ''}": effect must be 'NoExecute' when \`tolerationSeconds\` is set`, reason: 'FieldValueInvalid' });
    }
  });
  return errs;
}
