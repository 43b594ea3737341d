import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryProblem, keyProblem, metadataPatch, parseEntry, valueProblem, withEntry } from './metadata-edit.ts';

test('label keys: optional DNS-subdomain prefix, a name of up to 63 characters', () => {
  for (const ok of ['app', 'app.kubernetes.io/name', 'vm.openshift.io/folder', 'A_b-c.9']) assert.equal(keyProblem(ok), undefined, ok);
  assert.equal(keyProblem(''), 'meta.keyEmpty');
  assert.equal(keyProblem('a/b/c'), 'meta.keySlashes');
  assert.equal(keyProblem('/name'), 'meta.keyPrefix');
  assert.equal(keyProblem('Example.com/name'), 'meta.keyPrefix');
  assert.equal(keyProblem('example.com/'), 'meta.keyName');
  assert.equal(keyProblem('-app'), 'meta.keyName');
  assert.equal(keyProblem('x'.repeat(64)), 'meta.keyName');
});

test('label values: empty or a name; annotation values are free', () => {
  assert.equal(valueProblem('', 'labels'), undefined);
  assert.equal(valueProblem('web-1', 'labels'), undefined);
  assert.equal(valueProblem('has space', 'labels'), 'meta.labelValue');
  assert.equal(valueProblem('y'.repeat(64), 'labels'), 'meta.labelValue');
  assert.equal(valueProblem('has space, and = too', 'annotations'), undefined);
});

test('chips: key=value split at the first =, a bare key has an empty value', () => {
  assert.deepEqual(parseEntry(' env = prod '), { key: 'env', value: 'prod' });
  assert.deepEqual(parseEntry('a=b=c'), { key: 'a', value: 'b=c' });
  assert.deepEqual(parseEntry('tier'), { key: 'tier', value: '' });
  assert.equal(entryProblem('env=bad value', 'labels'), 'meta.labelValue');
  assert.equal(entryProblem('=x', 'labels'), 'meta.keyEmpty');
  assert.deepEqual(withEntry([{ key: 'a', value: '1' }, { key: 'b', value: '2' }], { key: 'a', value: '3' }), [{ key: 'a', value: '3' }, { key: 'b', value: '2' }]);
});

test('merge patch: removed keys null, changed and added keys set, nothing when unchanged', () => {
  assert.deepEqual(metadataPatch('labels', { a: '1', b: '2', c: '3' }, [{ key: 'a', value: '1' }, { key: 'b', value: '9' }, { key: 'd', value: '' }]), {
    metadata: { labels: { c: null, b: '9', d: '' } },
  });
  assert.equal(metadataPatch('annotations', { a: '1' }, [{ key: 'a', value: '1' }]), null);
  assert.deepEqual(metadataPatch('labels', undefined, [{ key: 'x', value: 'y' }]), { metadata: { labels: { x: 'y' } } });
});
