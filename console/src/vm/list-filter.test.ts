import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_FILTER, choices, filterRows, isFiltered, pageOf, parseLabelFilter } from './list-filter.ts';
import type { VmRow } from './rows.ts';

const row = (name: string, status: string, node: string, os: string, labels: Record<string, string> = {}): VmRow => ({
  name, namespace: 'ns', status, conditions: [], node, ip: '', created: '', cpu: 1, memory: '1Gi', memoryBytes: 2 ** 30, os, labels,
});
const rows = [
  row('web-1', 'Running', 'node1', 'fedora', { app: 'web', tier: 'front' }),
  row('web-2', 'Stopped', '', 'fedora', { app: 'web' }),
  row('DB', 'Running', 'node2', 'rhel9', { app: 'db' }),
];
const names = (rs: VmRow[]) => rs.map((r) => r.name);

test('no filter keeps every row and says it is not filtered', () => {
  assert.deepEqual(names(filterRows(rows, NO_FILTER)), ['web-1', 'web-2', 'DB']);
  assert.equal(isFiltered(NO_FILTER), false);
  assert.equal(isFiltered({ ...NO_FILTER, name: 'x' }), true);
});

test('name search is a substring, any case', () => {
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, name: ' db ' })), ['DB']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, name: 'WEB' })), ['web-1', 'web-2']);
});

test('values of one filter are alternatives; different filters all apply', () => {
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, statuses: ['Running', 'Stopped'] })), ['web-1', 'web-2', 'DB']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, statuses: ['Running'], oses: ['fedora'] })), ['web-1']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, nodes: ['node2'] })), ['DB']);
});

test('label filters: key=value, or a bare key; several must all hold', () => {
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, labels: ['app=web'] })), ['web-1', 'web-2']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, labels: ['tier'] })), ['web-1']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, labels: ['app=web', 'tier=front'] })), ['web-1']);
  assert.deepEqual(names(filterRows(rows, { ...NO_FILTER, labels: ['app=nope'] })), []);
});

test('label filter text is checked', () => {
  assert.equal(parseLabelFilter(' app = web '), undefined, 'no spaces around =');
  assert.equal(parseLabelFilter('app=web'), 'app=web');
  assert.equal(parseLabelFilter('vm.openshift.io/folder'), 'vm.openshift.io/folder');
  assert.equal(parseLabelFilter('app='), 'app=');
  assert.equal(parseLabelFilter('=web'), undefined);
  assert.equal(parseLabelFilter('a b'), undefined);
});

test('choices come from the rows, sorted, without empty values', () => {
  assert.deepEqual(choices(rows, (r) => r.node), ['node1', 'node2']);
  assert.deepEqual(choices(rows, (r) => r.os), ['fedora', 'rhel9']);
});

test('pages: slices, and a page past the end shows the last', () => {
  const xs = Array.from({ length: 23 }, (_, i) => i);
  assert.deepEqual(pageOf(xs, 1, 10), { items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], page: 1 });
  assert.deepEqual(pageOf(xs, 3, 10), { items: [20, 21, 22], page: 3 });
  assert.deepEqual(pageOf(xs, 9, 10), { items: [20, 21, 22], page: 3 });
  assert.deepEqual(pageOf([], 2, 10), { items: [], page: 1 });
});
