import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quotaColumns, resourceQuotaKind, type ResourceQuota } from './resourcequota.ts';
import { admit, brief, schemaErrors } from './testing.ts';

function quota(): ResourceQuota {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'vm-quota', namespace: 'default' },
    spec: { hard: { 'requests.memory': '4Gi', 'limits.memory': '8Gi', 'requests.cpu': '4', 'count/virtualmachines.kubevirt.io': 10 } },
  };
}

test('a VM quota is valid', async () => {
  assert.deepEqual(schemaErrors(resourceQuotaKind.schema, quota()), []);
  assert.deepEqual(await admit(resourceQuotaKind, quota()), []);
});

test('unknown resource names and bad quantities are refused', async () => {
  const q = quota();
  q.spec!.hard = { 'request.memory': '1Gi', 'limits.cpu': 'two' };
  assert.deepEqual(brief(await admit(resourceQuotaKind, q)), [
    { field: 'spec.hard[request.memory]', message: 'Invalid value: "request.memory": must be a standard resource for quota' },
    { field: 'spec.hard[limits.cpu]', message: 'Invalid value: "two": must be a quantity such as 1Gi, 512Mi, 500m or 2' },
  ]);
});

test('REQUEST and LIMIT cells: used/hard sorted by name, limits apart', () => {
  const q = quota();
  q.status = { hard: q.spec!.hard, used: { 'requests.memory': '1Gi', 'limits.memory': '2Gi' } };
  assert.deepEqual(quotaColumns(q), {
    request: 'count/virtualmachines.kubevirt.io: 0/10, requests.cpu: 0/4, requests.memory: 1Gi/4Gi',
    limit: 'limits.memory: 2Gi/8Gi',
  });
  assert.deepEqual(resourceQuotaKind.printerColumns.map((c) => c.name), ['Age', 'Request', 'Limit']);
});
