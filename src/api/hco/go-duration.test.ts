import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration, tryParseGoDuration } from './go-duration.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

test('parses the forms HCO and Go print and accept', () => {
  assert.equal(parseGoDuration('48h0m0s'), 48 * HOUR);
  assert.equal(parseGoDuration('24h0m0s'), 24 * HOUR);
  assert.equal(parseGoDuration('1h30m'), 90 * MIN);
  assert.equal(parseGoDuration('90s'), 90_000);
  assert.equal(parseGoDuration('1.5h'), 90 * MIN);
  assert.equal(parseGoDuration('300ms'), 300);
  assert.equal(parseGoDuration('.5m'), 30_000);
  assert.equal(parseGoDuration('5.m'), 5 * MIN);
  assert.equal(parseGoDuration('1h1m1s1ms'), HOUR + MIN + 1000 + 1);
  assert.equal(parseGoDuration('2us'), 0.002);
  assert.equal(parseGoDuration('2µs'), 0.002);
  assert.equal(parseGoDuration('1500ns'), 0.0015);
});

test('signs and zero', () => {
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('-1h'), -HOUR);
  assert.equal(parseGoDuration('+10m'), 10 * MIN);
  assert.equal(parseGoDuration('0s'), 0);
});

test('refuses what Go refuses, with Go wording', () => {
  assert.throws(() => parseGoDuration(''), /invalid duration ""/);
  assert.throws(() => parseGoDuration('10'), /missing unit in duration "10"/);
  assert.throws(() => parseGoDuration('1h30'), /missing unit/);
  assert.throws(() => parseGoDuration('2d'), /unknown unit "d"/);
  assert.throws(() => parseGoDuration('.h'), /invalid duration/);
  assert.throws(() => parseGoDuration('h'), /invalid duration/);
  assert.throws(() => parseGoDuration('-'), /invalid duration/);
  assert.throws(() => parseGoDuration('1h 30m'), /unknown unit "h "/);
  assert.equal(tryParseGoDuration('forever'), undefined);
  assert.equal(tryParseGoDuration(undefined), undefined);
  assert.equal(tryParseGoDuration('10m'), 10 * MIN);
});
