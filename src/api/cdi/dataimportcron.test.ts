import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors } from '../core/testing.ts';
import { dataImportCronKind, type DataImportCron } from './dataimportcron.ts';

function fedora(): DataImportCron {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataImportCron',
    metadata: { name: 'fedora-image-cron', namespace: 'vireo-os-images' },
    spec: {
      schedule: '0 */12 * * *',
      managedDataSource: 'fedora',
      template: { spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } }, storage: { resources: { requests: { storage: '30Gi' } } } } },
    },
  };
}

test('a CDI DataImportCron is valid and gets importsToKeep 3, garbageCollect Outdated', async () => {
  const c = fedora();
  assert.deepEqual(schemaErrors(dataImportCronKind.schema, c), []);
  assert.deepEqual(await admit(dataImportCronKind, c), []);
  dataImportCronKind.defaults!(c);
  assert.equal(c.spec?.importsToKeep, 3);
  assert.equal(c.spec?.garbageCollect, 'Outdated');
});

test('a bad schedule, no managedDataSource and no source are refused by field', async () => {
  const c = fedora();
  c.spec!.schedule = '0 25 * * *';
  c.spec!.managedDataSource = '';
  c.spec!.template.spec.source = { blank: {} };
  const errs = brief(await admit(dataImportCronKind, c));
  assert.deepEqual(errs.map((e) => e.field), ['spec.schedule', 'spec.managedDataSource', 'spec.template.spec.source']);
  assert.match(errs[0]!.message, /"0 25 \* \* \*" is not a valid cron expression/);
});
