import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeySpace, prefixEndBytes } from './keys.ts';

const hex = (b: Buffer) => b.toString('hex');

test('prefixEndBytes bumps the last byte that can be bumped', () => {
  assert.equal(hex(prefixEndBytes(Buffer.from('/a/'))), hex(Buffer.from('/a0')));
  assert.equal(hex(prefixEndBytes(Buffer.from([0x61, 0xff, 0xff]))), '62');
  assert.equal(hex(prefixEndBytes(Buffer.from([0xff]))), '00', 'nothing above: every key');
  assert.equal(hex(prefixEndBytes(Buffer.alloc(0))), '00');
});

test('a key space adds and strips the cluster prefix', () => {
  const ks = new KeySpace('/vireo/');
  assert.equal(ks.encode('/vm/a').toString(), '/vireo//vm/a');
  assert.equal(ks.decode(Buffer.from('/vireo//vm/\u{1f600}')), '/vm/\u{1f600}');
  assert.throws(() => ks.decode(Buffer.from('/other/x')), /outside the prefix/);
});

test('ranges start after startAfter only when it is inside or past the prefix', () => {
  const ks = new KeySpace('/c/');
  const r = ks.range('/vm/');
  assert.equal(r.key.toString(), '/c//vm/');
  assert.equal(r.range_end.toString(), '/c//vm0');
  assert.equal(hex(ks.range('/vm/', '/vm/b').key), hex(Buffer.from('/c//vm/b\0')));
  assert.equal(ks.range('/vm/', '/a').key.toString(), '/c//vm/', 'startAfter before the prefix');
  const whole = new KeySpace('');
  assert.equal(hex(whole.range('').key), '00', 'etcd refuses an empty key');
  assert.equal(hex(whole.range('').range_end), '00');
});
