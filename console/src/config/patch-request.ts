// Sends a JSON Patch to an object. The console's ApiClient posts only application/json, which a
// PATCH cannot use, so this sends with the same bearer token and reads errors the same way.
import { ApiRequestError, errorFrom } from '../api/client.ts';
import type { PatchOp } from './json-patch.ts';

export async function sendJsonPatch<T>(token: string, path: string, ops: readonly PatchOp[], fetchFn: typeof fetch = (...a) => fetch(...a)): Promise<T> {
  const res = await fetchFn(path, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json-patch+json' },
    body: JSON.stringify(ops),
  });
  if (!res.ok) throw await errorFrom(res);
  return (await res.json()) as T;
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
