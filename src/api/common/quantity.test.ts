import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantity, tryParseQuantity } from './quantity.ts';

test('parseQuantity: binary and decimal suffixes, decimals, exponents, millis', () => {
  assert.equal(parseQuantity('1Ki'), 1024);
  assert.equal(parseQuantity('100Mi'), 100 * 1024 * 1024);
  assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(parseQuantity('8Gi'), 8 * 2 ** 30);
  assert.equal(parseQuantity('2Ti'), 2 * 2 ** 40);
  assert.equal(parseQuantity('1Pi'), 2 ** 50);
  assert.equal(parseQuantity('1Ei'), 2 ** 60);
  assert.equal(parseQuantity('1024M'), 1024e6);
  assert.equal(parseQuantity('1G'), 1e9);
  assert.equal(parseQuantity('30k'), 30e3);
  assert.equal(parseQuantity('2T'), 2e12);
  assert.equal(parseQuantity('1P'), 1e15);
  assert.equal(parseQuantity('1E'), 1e18);
  assert.equal(parseQuantity('500m'), 0.5);
  assert.equal(parseQuantity('1e3'), 1000);
  assert.equal(parseQuantity('1E3'), 1000);
  assert.equal(parseQuantity('2.5e-1'), 0.25);
  assert.equal(parseQuantity('.5'), 0.5);
  assert.equal(parseQuantity('-1Gi'), -(2 ** 30));
  assert.equal(parseQuantity('4'), 4);
  assert.equal(parseQuantity(2), 2);
});

test('parseQuantity throws on garbage', () => {
  for (const bad of ['', 'Gi', '1GB', '1.5.5Gi', 'abc', '1 Gi', ' 1Gi', '1gi', '1e', '--1', '1Mi2']) {
    assert.throws(() => parseQuantity(bad), /not a valid Kubernetes quantity/, bad);
  }
  assert.throws(() => parseQuantity(Number.NaN));
});

test('tryParseQuantity returns undefined instead of throwing', () => {
  assert.equal(tryParseQuantity('nonsense'), undefined);
  assert.equal(tryParseQuantity(undefined), undefined);
  assert.equal(tryParseQuantity('1Ki'), 1024);
});
