import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStoreFlags } from './open.ts';

test('--store flags: sqlite by default, etcd with its endpoints', () => {
  assert.deepEqual(parseStoreFlags({ store: 'sqlite' }), { kind: 'sqlite' });
  assert.deepEqual(parseStoreFlags({ store: 'etcd', etcdEndpoints: 'http://a:2379, http://b:2379' }), {
    kind: 'etcd',
    endpoints: ['http://a:2379', 'http://b:2379'],
    prefix: undefined,
  });
  assert.deepEqual(parseStoreFlags({ store: 'etcd', etcdEndpoints: 'http://a:2379', etcdPrefix: '/blue/' }).kind, 'etcd');
});

test('--store flags that make no sense are refused, saying why', () => {
  assert.throws(() => parseStoreFlags({ store: 'etcd' }), /needs --etcd-endpoints/);
  assert.throws(() => parseStoreFlags({ store: 'sqlite', etcdEndpoints: 'http://a:2379' }), /need --store etcd/);
  assert.throws(() => parseStoreFlags({ store: 'mysql' }), /sqlite or etcd/);
});
