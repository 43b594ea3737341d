// Small helpers for writing status: conditions by type (keeping lastTransitionTime when the status
// did not change), phases with their transition timestamps, and read-modify-write of a /status
// with the resourceVersion as precondition, retried on conflict.
import type { Condition } from '../machinery/object.ts';
import type { KubeObject } from '../machinery/object.ts';
import { ApiStatusError, type KubeClient, type ResourceRef } from '../client/client.ts';

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function setCondition(list: Condition[] | undefined, cond: Omit<Condition, 'lastTransitionTime'> & { lastTransitionTime?: string }): Condition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === cond.type);
  const old = i >= 0 ? out[i] : undefined;
  const next: Condition = { ...cond, lastTransitionTime: old && old.status === cond.status ? (old.lastTransitionTime ?? now()) : now() };
  if (old?.lastProbeTime !== undefined && next.lastProbeTime === undefined) next.lastProbeTime = old.lastProbeTime;
  if (i >= 0) out[i] = next;
  else out.push(next);
  return out;
}

export function removeCondition(list: Condition[] | undefined, type: string): Condition[] {
  return (list ?? []).filter((c) => c.type !== type);
}

export function getCondition(list: Condition[] | undefined, type: string): Condition | undefined {
  return list?.find((c) => c.type === type);
}

/**
 * GET, mutate, PUT /status with the read resourceVersion; on a conflict, again from a fresh read.
 * `mutate` returns false to write nothing. Returns the written object (or undefined when gone or
 * when nothing was written).
 */
export async function updateStatus<T extends KubeObject>(
  client: KubeClient,
  ref: ResourceRef,
  namespace: string | undefined,
  name: string,
  mutate: (obj: T) => boolean | void,
): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const obj = await client.tryGet<T>(ref, namespace, name);
    if (!obj) return undefined;
    const before = JSON.stringify(obj.status ?? null);
    if (mutate(obj) === false) return undefined;
    if (JSON.stringify(obj.status ?? null) === before) return obj;
    try {
      return await client.updateStatus<T>(ref, obj);
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 409 && attempt < 8) continue;
      if (e instanceof ApiStatusError && e.code === 404) return undefined;
      throw e;
    }
  }
}
