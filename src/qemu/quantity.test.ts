import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantityBytes, quantityToMiB } from './quantity.ts';

test('quantities to bytes', () => {
  const cases: [string | number, bigint][] = [
    ['8Gi', 8n << 30n],
    ['128Mi', 128n << 20n],
    ['1024M', 1_024_000_000n],
    ['1G', 1_000_000_000n],
    ['1.5Gi', 3n << 29n],
    ['2e9', 2_000_000_000n],
    ['1E', 10n ** 18n],
    ['512Ki', 512n * 1024n],
    ['100', 100n],
    [4096, 4096n],
    ['0.5', 1n], // fractional bytes round up
  ];
  for (const [q, want] of cases) assert.equal(parseQuantityBytes(q), want, String(q));
});

test('quantities to MiB round up', () => {
  assert.equal(quantityToMiB('8Gi'), 8192);
  assert.equal(quantityToMiB('1024M'), 977); // 976.56 MiB
  assert.equal(quantityToMiB('1Mi'), 1);
  assert.equal(quantityToMiB('1'), 1);
});

test('invalid quantities throw', () => {
  for (const q of ['', 'Gi', '1GB', '-1Gi', '1.2.3', '12 parsecs', '1mi']) assert.throws(() => parseQuantityBytes(q), /invalid quantity/, q);
});
