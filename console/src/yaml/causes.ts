// A failed create's `Status` causes turned into errors placed on the YAML the user wrote: each with
// its field, the text to show, and where the field is in the text (when it is there).
import type { StatusCause } from '../api/types.ts';
import { locateField } from './field-location.ts';

export interface FieldError {
  field?: string;
  /** `field: message`, once (Vireo's messages often start with the field already). */
  text: string;
  /** Where in the YAML text; absent when the field (and every ancestor) is not in it. */
  from?: number;
  to?: number;
}

export function causeText(c: StatusCause): string {
  const message = c.message ?? c.reason ?? '';
  if (!c.field || message.startsWith(c.field)) return message;
  return `${c.field}: ${message}`;
}

export function fieldErrors(text: string, causes: readonly StatusCause[]): FieldError[] {
  return causes.map((c) => {
    const at = c.field ? locateField(text, c.field) : undefined;
    return { field: c.field || undefined, text: causeText(c), ...(at && { from: at.from, to: at.to }) };
  });
}
