// The DataImportCron controller's pure decisions: names, polling ticks, which imports GC keeps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataImportCron } from '../../api/cdi/dataimportcron.ts';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { nextTick, scheduleProblem } from '../../api/cdi/schedule.ts';
import { CRON_LABEL, httpVersionDigest, importName, isNewFailure, outdatedImports, pollDue, setCondition } from './dataimportcron-logic.ts';

const D = `sha256:${'0123456789abcdef'.repeat(4)}`;

const cron = (spec: Partial<NonNullable<DataImportCron['spec']>> = {}): DataImportCron => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataImportCron',
  metadata: { name: 'fedora', namespace: 'os' },
  spec: { schedule: '0 * * * *', managedDataSource: 'fedora', template: { spec: {} }, importsToKeep: 2, ...spec },
});

const dv = (name: string, created: string, phase = 'Succeeded', cronName = 'fedora'): DataVolume =>
  ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name, namespace: 'os', creationTimestamp: created, labels: { [CRON_LABEL]: cronName } }, status: { phase } }) as DataVolume;

describe('DataImportCron logic', () => {
  it('names an import <cron>-<first 12 hex of the digest>, cut to a valid length', () => {
    assert.equal(importName('fedora', D), 'fedora-0123456789ab');
    const long = importName('x'.repeat(80), D);
    assert.equal(long.length, 63);
    assert.match(long, /^x+-0123456789ab$/);
  });

  it('versions an http source by ETag, else Last-Modified, else the URL alone', () => {
    const u = 'https://h/img.qcow2';
    assert.notEqual(httpVersionDigest(u, '"a"', undefined), httpVersionDigest(u, '"b"', undefined));
    assert.equal(httpVersionDigest(u, undefined, undefined), httpVersionDigest(u, undefined, undefined));
    assert.match(httpVersionDigest(u, undefined, 'Mon, 01 Jan 2026 00:00:00 GMT'), /^sha256:[0-9a-f]{64}$/);
  });

  it('computes ticks in UTC, 5 fields or 6 with seconds, and polls on creation then at each tick', () => {
    assert.equal(nextTick('*/15 * * * *', new Date('2026-01-01T10:07:00Z')).toISOString(), '2026-01-01T10:15:00.000Z');
    assert.equal(nextTick('*/5 * * * * *', new Date('2026-01-01T10:07:01Z')).toISOString(), '2026-01-01T10:07:05.000Z');
    assert.equal(pollDue('0 * * * *', undefined, new Date('2026-01-01T10:07:00Z')), true);
    assert.equal(pollDue('0 * * * *', '2026-01-01T10:00:00Z', new Date('2026-01-01T10:59:59Z')), false);
    assert.equal(pollDue('0 * * * *', '2026-01-01T10:00:00Z', new Date('2026-01-01T11:00:00Z')), true);
  });

  it('refuses bad schedules with a reason', () => {
    assert.equal(scheduleProblem('0 */12 * * *'), undefined);
    assert.equal(scheduleProblem('@daily'), undefined);
    assert.match(scheduleProblem('61 * * * *') ?? '', /not a valid cron expression/);
    assert.match(scheduleProblem('* *') ?? '', /has 2 fields/);
    assert.match(scheduleProblem('') ?? '', /empty/);
  });

  it('garbage-collects succeeded imports beyond importsToKeep, never the protected or unfinished ones', () => {
    const dvs = [dv('a', '2026-01-01T00:00:01Z'), dv('b', '2026-01-01T00:00:02Z'), dv('c', '2026-01-01T00:00:03Z'), dv('d', '2026-01-01T00:00:04Z', 'ImportInProgress'), dv('x', '2026-01-01T00:00:00Z', 'Succeeded', 'other')];
    assert.deepEqual(outdatedImports(cron(), dvs, new Set()).map((d) => d.metadata.name), ['a']);
    assert.deepEqual(outdatedImports(cron({ importsToKeep: 0 }), dvs, new Set(['c'])).map((d) => d.metadata.name), ['b', 'a']);
    assert.deepEqual(outdatedImports(cron({ importsToKeep: 0, garbageCollect: 'Never' }), dvs, new Set()), []);
  });

  it('keeps a condition transition time while its status holds, and tells a new failure from a repeat', () => {
    const c1 = setCondition(undefined, 'Progressing', { status: 'False', reason: 'NoSource', message: 'm1' }, 't1');
    const c2 = setCondition(c1, 'Progressing', { status: 'False', reason: 'NoSource', message: 'm1' }, 't2');
    assert.equal(c2[0]?.lastTransitionTime, 't1');
    assert.equal(isNewFailure(c2, 'm1'), false);
    assert.equal(isNewFailure(c2, 'm2'), true);
    assert.equal(setCondition(c2, 'Progressing', { status: 'True' }, 't3')[0]?.lastTransitionTime, 't3');
  });
});
