import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from './errors.ts';
import { checkFits, checkFormat, detectCompression } from './format.ts';

test('compression is detected by magic bytes, not by name', () => {
  assert.equal(detectCompression(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])), 'gz');
  assert.equal(detectCompression(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0])), 'xz');
  assert.equal(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0])), 'zstd');
  assert.equal(detectCompression(Buffer.from('QFI\xfb\0\0\0\x03', 'latin1')), undefined); // qcow2
  assert.equal(detectCompression(Buffer.from([0x1f])), undefined); // too short to say
});

test('an image larger than the usable size is refused with both sizes', () => {
  assert.doesNotThrow(() => checkFits(64 << 20, 64 << 20, 128 << 20));
  assert.throws(
    () => checkFits(64 << 20, 60 << 20, 64 << 20),
    (e: unknown) =>
      e instanceof ImportError &&
      e.message.includes('virtual size 64Mi (67108864 bytes) is larger than the available size 60Mi (62914560 bytes)') &&
      e.message.includes('requested 64Mi') &&
      e.message.includes('request at least 68Mi'),
  );
});

test('only disk formats are accepted, and never with a backing file', () => {
  assert.doesNotThrow(() => checkFormat('qcow2', undefined, 'u'));
  assert.throws(() => checkFormat('luks', undefined, 'u'), /unsupported image format luks/);
  assert.throws(() => checkFormat('qcow2', '/etc/passwd', 'u'), /backing file \(\/etc\/passwd\)/);
});
