import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBar, formatBytes, formatDuration, formatLine } from './upload-progress.ts';

test('bytes are shown in binary units with two decimals', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.50 KiB');
  assert.equal(formatBytes(64 * 2 ** 20), '64.00 MiB');
  assert.equal(formatBytes(5.42 * 2 ** 30), '5.42 GiB');
});

test('durations read like Go durations', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(44_600), '45s');
  assert.equal(formatDuration(125_000), '2m5s');
  assert.equal(formatDuration(3_658_000), '1h0m58s');
});

test('the bar fills with the fraction and never overflows', () => {
  assert.equal(formatBar(0, 10), '[>---------]');
  assert.equal(formatBar(0.5, 10), '[=====>----]');
  assert.equal(formatBar(1, 10), '[==========]');
  assert.equal(formatBar(1.5, 10), '[==========]');
});

test('the line shows done / total, percent, rate and elapsed time', () => {
  assert.equal(formatLine(12 * 2 ** 20, 64 * 2 ** 20, 4000, 8), '12.00 MiB / 64.00 MiB [=>------] 18.75% 3.00 MiB p/s 4s');
  assert.equal(formatLine(100, 100, 0, 4), '100 B / 100 B [====] 100.00% 0 B p/s 0s');
});
