import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from './types.ts';
import { LineSplitter, applyEvent } from './watch.ts';

const obj = (name: string, rv: string): KubeObject => ({ metadata: { namespace: 'ns', name, resourceVersion: rv } });

test('lines split across chunks', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push('{"a":1}\n{"b"'), ['{"a":1}']);
  assert.deepEqual(s.push(':2}\n\n'), ['{"b":2}']);
  assert.deepEqual(s.push(''), []);
});

test('events update the cache and the resourceVersion', () => {
  const m = new Map<string, KubeObject>();
  assert.equal(applyEvent(m, { type: 'ADDED', object: obj('a', '5') }), '5');
  assert.equal(applyEvent(m, { type: 'MODIFIED', object: obj('a', '6') }), '6');
  assert.equal(m.get('ns/a')?.metadata.resourceVersion, '6');
  assert.equal(applyEvent(m, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } }), '9');
  assert.equal(applyEvent(m, { type: 'DELETED', object: obj('a', '10') }), '10');
  assert.equal(m.size, 0);
});

test('410 Expired asks for a fresh list; other errors throw', () => {
  const m = new Map<string, KubeObject>();
  assert.equal(applyEvent(m, { type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } }), 'expired');
  assert.throws(() => applyEvent(m, { type: 'ERROR', object: { kind: 'Status', code: 500, message: 'boom' } }), /boom/);
});
