import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, plainConsoleText } from './diagnostics.ts';

test('sizes in binary units', () => {
  assert.equal(formatBytes(67108864), '64 MiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(10 * 1024 ** 3), '10 GiB');
  assert.equal(formatBytes(undefined), '');
  assert.equal(formatBytes(-1), '');
});

test('serial output without terminal escapes and carriage returns', () => {
  assert.equal(plainConsoleText('\x1b[0;32mOK\x1b[0m boot\r\nlogin: \x1b]0;title\x07x\x1bc\x00'), 'OK boot\nlogin: x');
  assert.equal(plainConsoleText('a\tb\n'), 'a\tb\n');
});
