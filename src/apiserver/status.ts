// Kubernetes `Status` errors. Every failure the server reports is one of these, with the HTTP code,
// the reason kubectl understands and, for invalid objects, a cause naming each bad field.
import type { FieldError } from '../machinery/kind.ts';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Expired'
  | 'Gone'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason: string; message: string; field: string }[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

interface Target {
  group: string;
  /** The resource name as kubectl prints it: "virtualmachines.kubevirt.io" or "pods". */
  resource: string;
  kind: string;
  name?: string;
}

const qualified = (t: Target) => (t.group ? `${t.resource}.${t.group}` : t.resource);

export const notFound = (t: Target) =>
  new ApiError(404, 'NotFound', `${qualified(t)} "${t.name ?? ''}" not found`, {
    name: t.name,
    group: t.group,
    kind: t.resource,
  });

export const alreadyExists = (t: Target) =>
  new ApiError(409, 'AlreadyExists', `${qualified(t)} "${t.name ?? ''}" already exists`, {
    name: t.name,
    group: t.group,
    kind: t.resource,
  });

export const conflict = (t: Target, why: string) =>
  new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(t)} "${t.name ?? ''}": ${why}`, {
    name: t.name,
    group: t.group,
    kind: t.resource,
  });

export function invalid(t: Target, errors: FieldError[]): ApiError {
  const causes = errors.map((e) => ({
    reason: e.reason ?? 'FieldValueInvalid',
    message: `${e.message}`,
    field: e.field,
  }));
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join(', ');
  const msg = `${t.kind} "${t.name ?? ''}" is invalid: ${errors.length > 1 ? `[${summary}]` : summary}`;
  return new ApiError(422, 'Invalid', msg, { name: t.name, group: t.group, kind: t.kind, causes });
}

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);
export const forbidden = (message: string, t?: Target) =>
  new ApiError(403, 'Forbidden', message, t ? { name: t.name, group: t.group, kind: t.resource } : undefined);
export const expired = (message: string) => new ApiError(410, 'Expired', message);
export const internalError = (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
