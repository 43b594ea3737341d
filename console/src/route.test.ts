import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoute, routePath, type Route } from './route.ts';

test('routes round-trip', () => {
  const routes: Route[] = [
    { page: 'vms' },
    { page: 'vms', namespace: 'vmexamples' },
    { page: 'vm', namespace: 'vmexamples', name: 'fedora01', tab: 'overview' },
    { page: 'vm', namespace: 'vmexamples', name: 'fedora01', tab: 'yaml' },
    { page: 'vm', namespace: 'vmexamples', name: 'fedora01', tab: 'console' },
    { page: 'vmNew', namespace: 'vmexamples' },
    { page: 'catalog', namespace: 'vmexamples' },
    { page: 'customize', namespace: 'vmexamples', templateNamespace: 'vireo-system', template: 'fedora-server-small' },
    { page: 'other', id: 'templates' },
    { page: 'overview' },
  ];
  for (const r of routes) assert.deepEqual(parseRoute(routePath(r)), r);
  assert.deepEqual(parseRoute('/'), { page: 'vms' });
});

test('OpenShift-style paths', () => {
  assert.equal(routePath({ page: 'vm', namespace: 'a', name: 'b', tab: 'console' }), '/k8s/ns/a/virtualmachines/b/console');
  assert.equal(routePath({ page: 'vmNew', namespace: 'a' }), '/k8s/ns/a/virtualmachines/~new');
  assert.equal(routePath({ page: 'catalog', namespace: 'a' }), '/k8s/ns/a/templatescatalog');
  assert.equal(routePath({ page: 'overview' }), '/k8s/all-namespaces/virtualization-overview');
  assert.deepEqual(parseRoute('/k8s/ns/a/virtualmachines/b/nonsense'), { page: 'vm', namespace: 'a', name: 'b', tab: 'overview' });
});

test('pod details: /k8s/ns/NS/pods/NAME round-trips', () => {
  const r: Route = { page: 'pod', namespace: 'vmexamples', name: 'virt-launcher-fedora01-abcde' };
  assert.equal(routePath(r), '/k8s/ns/vmexamples/pods/virt-launcher-fedora01-abcde');
  assert.deepEqual(parseRoute(routePath(r)), r);
  assert.deepEqual(parseRoute('/k8s/ns/vmexamples/pods'), { page: 'vms' });
});

test('Customize carries the name typed in Quick create as ?name=', () => {
  const r: Route = { page: 'customize', namespace: 'vmexamples', templateNamespace: 'vireo-system', template: 'fedora-server-small', vmName: 'my vm' };
  assert.equal(routePath(r), '/k8s/ns/vmexamples/templatescatalog/customize/vireo-system/fedora-server-small?name=my%20vm');
  assert.deepEqual(parseRoute(routePath(r)), r);
  assert.equal('vmName' in parseRoute('/k8s/ns/a/templatescatalog/customize/b/c'), false);
});
