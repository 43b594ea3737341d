import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceKind, type Service } from './service.ts';
import { admit, brief, schemaErrors } from './testing.ts';

function ssh(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'vm-ssh', namespace: 'default' },
    spec: { type: 'NodePort', selector: { 'kubevirt.io/vm': 'fedora01' }, ports: [{ port: 22, nodePort: 30022 }] },
  };
}

test('a NodePort service is valid; protocol and targetPort default', async () => {
  const s = ssh();
  assert.deepEqual(schemaErrors(serviceKind.schema, s), []);
  assert.deepEqual(await admit(serviceKind, s), []);
  assert.deepEqual(s.spec?.ports?.[0], { port: 22, nodePort: 30022, protocol: 'TCP', targetPort: 22 });
});

test('nodePort is forbidden on ClusterIP; several ports need names', async () => {
  const s = ssh();
  s.spec!.type = 'ClusterIP';
  s.spec!.ports!.push({ port: 80 });
  assert.deepEqual(brief(await admit(serviceKind, s)), [
    { field: 'spec.ports[0].name', message: 'Required value' },
    { field: 'spec.ports[0].nodePort', message: "Forbidden: may not be used when `type` is 'ClusterIP'" },
    { field: 'spec.ports[1].name', message: 'Required value' },
  ]);
});

test('columns: Cluster-IP, External-IP and Port(s) like kubectl', () => {
  const s = ssh();
  s.spec!.clusterIP = '10.96.0.12';
  const cell = (name: string, svc: Service = s) => serviceKind.printerColumns.find((c) => c.name === name)?.value?.(svc);
  assert.equal(cell('Cluster-IP'), '10.96.0.12');
  assert.equal(cell('External-IP'), '<none>');
  assert.equal(cell('Port(s)'), '22:30022/TCP');
  assert.equal(cell('Selector'), 'kubevirt.io/vm=fedora01');
  const lb: Service = { ...s, spec: { ...s.spec, type: 'LoadBalancer' } };
  assert.equal(cell('External-IP', lb), '<pending>');
});
