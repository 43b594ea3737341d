import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoute, routePath, type Route } from './route.ts';

test('routes round-trip', () => {
  const routes: Route[] = [
    { page: 'vms' },
    { page: 'vms', namespace: 'vmexamples' },
    { page: 'vm', namespace: 'vmexamples', name: 'fedora01', tab: 'overview' },
    { page: 'vm', namespace: 'vmexamples', name: 'fedora01', tab: 'yaml' },
    { page: 'other', id: 'templates' },
  ];
  for (const r of routes) assert.deepEqual(parseRoute(routePath(r)), r);
  assert.deepEqual(parseRoute('/'), { page: 'vms' });
});
