// Concurrent patches without a resourceVersion all land (the server retries its read-modify-write on
// a conflict, as kube-apiserver does); a patch that names a stale resourceVersion is refused with 409.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiStatusError } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

type Cm = KubeObject & { data?: Record<string, string> };
let tcp: TestControlPlane;

describe('patch concurrency', () => {
  before(async () => {
    tcp = await startControlPlane();
    await tcp.client.create(R.configmaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race', namespace: 'default' }, data: {} });
  });
  after(async () => {
    await tcp?.stop();
  });

  it('two hundred concurrent merge patches without a resourceVersion all apply', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => tcp.client.mergePatch(R.configmaps, 'default', 'race', { data: { [`k${i}`]: String(i) } })));
    const cm = await tcp.client.get<Cm>(R.configmaps, 'default', 'race');
    assert.equal(Object.keys(cm.data ?? {}).length, 200);
  });

  it('a patch naming a stale resourceVersion is a 409 Conflict', async () => {
    const cm = await tcp.client.get<Cm>(R.configmaps, 'default', 'race');
    await tcp.client.mergePatch(R.configmaps, 'default', 'race', { data: { fresh: '1' } });
    await assert.rejects(
      tcp.client.mergePatch(R.configmaps, 'default', 'race', { metadata: { resourceVersion: cm.metadata.resourceVersion }, data: { stale: '1' } }),
      (e: unknown) => e instanceof ApiStatusError && e.code === 409,
    );
  });
});
