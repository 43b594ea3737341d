import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { growRaw, pendingExpansion } from './expand.ts';

const pv = (storage: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage } } }) as PersistentVolume;
const claim = (storage: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { resources: { requests: { storage } } } }) as PersistentVolumeClaim;

test('an expansion is pending only when the request is above the PV capacity', () => {
  assert.deepEqual(pendingExpansion(pv('64Mi'), claim('128Mi')), { from: 64 * 2 ** 20, to: 128 * 2 ** 20, quantity: '128Mi' });
  assert.equal(pendingExpansion(pv('128Mi'), claim('128Mi')), undefined);
  assert.equal(pendingExpansion(pv('1Gi'), claim('1024Mi')), undefined);
  assert.equal(pendingExpansion(pv('128Mi'), claim('64Mi')), undefined);
});

test('growRaw grows a file sparsely and never shrinks it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-grow-'));
  try {
    const f = join(dir, 'disk.img');
    writeFileSync(f, Buffer.alloc(4096, 1));
    assert.equal(await growRaw(f, 8 * 2 ** 20), true);
    assert.equal(statSync(f).size, 8 * 2 ** 20);
    assert.ok(statSync(f).blocks * 512 < 2 ** 20);
    assert.equal(await growRaw(f, 4096), false);
    assert.equal(statSync(f).size, 8 * 2 ** 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
