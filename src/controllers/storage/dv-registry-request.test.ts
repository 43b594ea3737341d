// A DataVolume's registry source → the populate request the node agent runs, and the sources
// Vireo cannot run (image streams, oci-archive) refused in one line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataVolume } from '../../api/cdi/datavolume.ts';
import { populateRequestOf } from './dv-claim.ts';

const dv = (registry: Record<string, string>): DataVolume =>
  ({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'd', namespace: 'ns' }, spec: { source: { registry } } }) as DataVolume;

test('registry sources become registry populate requests', () => {
  assert.deepEqual(populateRequestOf(dv({ url: 'docker://r.io:5000/tiny:v1', secretRef: 's', certConfigMap: 'ca' })), { kind: 'registry', url: 'docker://r.io:5000/tiny:v1', secretRef: 's', certConfigMap: 'ca' });
  assert.deepEqual(populateRequestOf(dv({ url: 'docker://quay.io/containerdisks/fedora:40' })), { kind: 'registry', url: 'docker://quay.io/containerdisks/fedora:40' });
  assert.match(String(populateRequestOf(dv({ imageStream: 'fedora' }))), /imageStream sources are not supported/);
  assert.match(String(populateRequestOf(dv({ url: 'oci-archive:///x.tar' }))), /only docker:\/\//);
});
