// Small constructors for FieldError, so rules read as "which field, what rule".
import type { CauseReason, FieldError } from '../../machinery/kind.ts';

export function invalid(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueInvalid' };
}
export function required(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueRequired' };
}
export function duplicate(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueDuplicate' };
}
export function notSupported(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueNotSupported' };
}
export function forbidden(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueForbidden' };
}
export function fieldError(field: string, message: string, reason: CauseReason): FieldError {
  return { field, message, reason };
}
