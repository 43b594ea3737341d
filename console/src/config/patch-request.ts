// Sends a JSON Patch to an object through the console's one client (same token, same errors), and
// tells a stale form from a fresh one.
import { ApiClient, ApiRequestError } from '../api/client.ts';
import type { PatchOp } from './json-patch.ts';

export function sendJsonPatch<T>(token: string, path: string, ops: readonly PatchOp[], fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<T> {
  return new ApiClient(token, '', fetchFn).patch<T>(path, ops, 'application/json-patch+json');
}

/** The spec changed while a dialog was open (its generation moved on): the form shows old values. */
export class StaleFormError extends Error {
  constructor(
    readonly opened: number,
    readonly now: number,
  ) {
    super(`the spec changed while the form was open (generation ${opened} → ${now})`);
    this.name = 'StaleFormError';
  }
}

/**
 * Refuses a save whose form was filled from an older spec. The patch's resourceVersion covers the
 * moment between the last watch event and the PATCH; this covers the time the dialog was open,
 * without refusing for the status writes that also move the resourceVersion.
 */
export function checkFresh(opened: number | undefined, now: number | undefined): void {
  if (opened !== undefined && now !== undefined && opened !== now) throw new StaleFormError(opened, now);
}

/** True when the object changed under the form: the server's 409, or a spec changed meanwhile. */
export const isStale = (e: unknown): boolean => e instanceof StaleFormError || (e instanceof ApiRequestError && e.code === 409);
