import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sizeProblem, virtualSizeOf } from './image-size.ts';

const MiB = 1024 * 1024;
const zero = Buffer.alloc(512);

function qcow2Header(virtual: number): Buffer {
  const h = Buffer.alloc(512);
  Buffer.from([0x51, 0x46, 0x49, 0xfb]).copy(h, 0);
  h.writeUInt32BE(3, 4);
  h.writeBigUInt64BE(BigInt(virtual), 24);
  return h;
}

test('qcow2 gives its virtual size; raw and ISO their length', () => {
  assert.equal(virtualSizeOf(qcow2Header(64 * MiB), zero, 300_000), 64 * MiB);
  assert.equal(virtualSizeOf(zero, zero, 10 * MiB), 10 * MiB);
});

test('compressed and other formats are left to the node', () => {
  assert.equal(virtualSizeOf(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]), zero, 1000), undefined);
  assert.equal(virtualSizeOf(Buffer.from('KDMV\x01\x00\x00\x00'), zero, 1000), undefined);
  const vdi = Buffer.alloc(512);
  Buffer.from([0x7f, 0x10, 0xda, 0xbe]).copy(vdi, 64);
  assert.equal(virtualSizeOf(vdi, zero, 1000), undefined);
  const footer = Buffer.alloc(512);
  footer.write('conectix', 0, 'latin1');
  assert.equal(virtualSizeOf(zero, footer, 10 * MiB + 512), undefined);
});

test('a size too small is explained with both sizes and the size to ask for', () => {
  assert.equal(sizeProblem('d.qcow2', 64 * MiB, '128Mi', 'Filesystem'), undefined);
  assert.equal(
    sizeProblem('d.qcow2', 64 * MiB, '64Mi', 'Filesystem'),
    'image d.qcow2 has a virtual size of 64Mi (67108864 bytes), larger than the usable size 60Mi (62914560 bytes) of a 64Mi volume (the volume keeps 5.5% for filesystem overhead); use --size=68Mi or more',
  );
  assert.equal(sizeProblem('d.raw', 64 * MiB, '64Mi', 'Block'), undefined);
});
