// The pure decisions of the DataImportCron controller: import names, when the source is due for a
// poll, which imports garbage collection keeps, and the UpToDate / Progressing conditions.
import { createHash } from 'node:crypto';
import { DEFAULT_IMPORTS_TO_KEEP, type DataImportCron } from '../../api/cdi/dataimportcron.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { nextTick } from '../../api/cdi/schedule.ts';
import type { Condition } from '../../machinery/object.ts';

/** The label CDI puts on the DataVolumes and the DataSource a cron manages. */
export const CRON_LABEL = 'cdi.kubevirt.io/dataImportCron';
const MAX_NAME = 63;

/** CDI's `<cron>-<first 12 hex of the digest>`; a long cron name is cut so the result stays a valid name. */
export function importName(cron: string, digest: string): string {
  const hex = digest.replace(/^sha256:/, '').slice(0, 12);
  return `${cron.slice(0, MAX_NAME - hex.length - 1).replace(/[-.]+$/, '')}-${hex}`;
}

/**
 * The "digest" of an http source: the URL with its ETag or Last-Modified validator. Without either,
 * it is the URL alone, so the cron imports once and then has no way to see a change (documented).
 */
export function httpVersionDigest(url: string, etag: string | undefined, lastModified: string | undefined): string {
  return `sha256:${createHash('sha256').update(`${url}\n${etag ?? lastModified ?? ''}`).digest('hex')}`;
}

/** Due on creation (never polled) and then at each tick of the schedule after the last poll. */
export function pollDue(schedule: string, lastExecution: string | undefined, now: Date): boolean {
  return !lastExecution || nextTick(schedule, new Date(lastExecution)).getTime() <= now.getTime();
}

/**
 * The imports garbage collection deletes: the cron's succeeded DataVolumes past the newest
 * importsToKeep, never one still importing or the one the DataSource serves.
 */
export function outdatedImports(cron: DataImportCron, dvs: DataVolume[], protect: ReadonlySet<string>): DataVolume[] {
  if (cron.spec?.garbageCollect === 'Never') return [];
  const keep = cron.spec?.importsToKeep ?? DEFAULT_IMPORTS_TO_KEEP;
  const done = dvs
    .filter((d) => d.metadata.labels?.[CRON_LABEL] === cron.metadata.name && d.status?.phase === 'Succeeded' && !d.metadata.deletionTimestamp)
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (b.metadata.name ?? '').localeCompare(a.metadata.name ?? ''));
  return done.slice(keep).filter((d) => !protect.has(d.metadata.name ?? ''));
}

type CondSpec = Pick<Condition, 'status' | 'reason' | 'message'>;

/** Sets condition `type`, keeping lastTransitionTime when the status did not change. */
export function setCondition(conds: Condition[] | undefined, type: string, c: CondSpec, now: string): Condition[] {
  const old = conds?.find((x) => x.type === type);
  const next: Condition = { type, ...c, lastTransitionTime: old?.status === c.status ? (old.lastTransitionTime ?? now) : now, lastHeartbeatTime: now };
  return [...(conds ?? []).filter((x) => x.type !== type), next];
}

/** The one-line failure reported for an unreachable source; a Warning event goes out only when it changes. */
export const NO_SOURCE = 'NoSource';

export function isNewFailure(conds: Condition[] | undefined, message: string): boolean {
  const p = conds?.find((c) => c.type === 'Progressing');
  return !(p?.reason === NO_SOURCE && p.message === message);
}
