import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ring, ringCapacity } from './ring.ts';

describe('Ring', () => {
  it('keeps the newest items, oldest first', () => {
    const r = new Ring<number>(3);
    assert.deepEqual(r.toArray(), []);
    assert.equal(r.last(), undefined);
    for (const n of [1, 2]) r.push(n);
    assert.deepEqual(r.toArray(), [1, 2]);
    for (const n of [3, 4, 5]) r.push(n);
    assert.deepEqual(r.toArray(), [3, 4, 5]);
    assert.equal(r.size, 3);
    assert.equal(r.last(), 5);
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new Ring(0), RangeError);
    assert.throws(() => new Ring(1.5), RangeError);
  });

  it('sizes an hour of 10 s samples', () => {
    assert.equal(ringCapacity(3600, 10), 360);
    assert.equal(ringCapacity(3600, 0.7), 5143);
  });
});
