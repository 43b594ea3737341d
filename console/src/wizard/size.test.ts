import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesOf, readable, sizeOf } from './size.ts';
import { DISK_UNITS, MEMORY_UNITS, quantity } from './state.ts';

const fb = { value: '?', unit: 'Gi' } as const;

test('quantities to a number and a unit, and back', () => {
  assert.deepEqual(sizeOf('256Mi', MEMORY_UNITS, fb), { value: '256', unit: 'Mi' });
  assert.deepEqual(sizeOf('1.5Gi', MEMORY_UNITS, fb), { value: '1.5', unit: 'Gi' });
  assert.deepEqual(sizeOf('1024Mi', MEMORY_UNITS, fb), { value: '1024', unit: 'Mi' }, 'a unit the list has is kept as written');
  assert.deepEqual(sizeOf('1073741824', DISK_UNITS, fb), { value: '1', unit: 'Gi' });
  assert.deepEqual(sizeOf('2Ti', MEMORY_UNITS, fb), { value: '2048', unit: 'Gi' });
  assert.deepEqual(sizeOf('1G', MEMORY_UNITS, fb), { value: '954', unit: 'Mi' }, 'rounded up in the smallest unit, never less');
  assert.deepEqual(sizeOf(undefined, MEMORY_UNITS, fb), fb);
  assert.deepEqual(sizeOf('lots', MEMORY_UNITS, fb), fb);
  assert.equal(bytesOf('1Ki'), 1024);
  assert.equal(bytesOf('x'), undefined);
  assert.equal(quantity({ value: ' 256 ', unit: 'Mi' }), '256Mi');
  assert.equal(readable({ value: '1', unit: 'Gi' }), '1 GiB');
});
