import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateVmName } from '../../../src/api/common/names.ts';
import { randomVmName, vmNameProblems } from './vm-name.ts';

test('a random name after the boot source, like OpenShift\'s', () => {
  assert.match(randomVmName('fedora'), /^fedora-[a-z0-9]{8}$/);
  assert.equal(randomVmName('vireo-tiny', () => 0), 'vireo-tiny-aaaaaaaa');
  assert.equal(randomVmName('My_Template.v2', () => 0.999), 'my-template-v2-99999999', 'an odd prefix is cleaned');
  assert.notEqual(randomVmName('fedora'), randomVmName('fedora'));
  assert.deepEqual(vmNameProblems(randomVmName('rhel9')), []);
});

test('the rule, part by part, and names already taken', () => {
  const keys = (n: string, taken?: Set<string>) => vmNameProblems(n, taken).map((p) => p.key);
  assert.deepEqual(keys(''), ['quick.nameEmpty']);
  assert.deepEqual(keys('Fedora01'), ['quick.nameChars']);
  assert.deepEqual(keys('fedora.01'), ['quick.nameChars']);
  assert.deepEqual(keys('-fedora'), ['quick.nameEnds']);
  assert.deepEqual(keys('fedora 01-'), ['quick.nameChars', 'quick.nameEnds']);
  assert.deepEqual(keys('a'.repeat(254)), ['quick.nameTooLong']);
  assert.deepEqual(vmNameProblems('a'.repeat(254))[0].vars, { max: 253 });
  assert.deepEqual(keys('fedora01', new Set(['fedora01'])), ['quick.nameTaken']);
  assert.deepEqual(keys('fedora01', new Set(['fedora02'])), []);
});

test('agrees with the API server\'s VM name rule', () => {
  const samples = ['fedora01', 'a', '0', 'a-b', 'A', 'a.b', 'a_b', '-a', 'a-', 'a b', 'ä', 'x'.repeat(253), 'x'.repeat(254), '', '9-9'];
  for (const n of samples) assert.equal(vmNameProblems(n).length === 0, validateVmName(n).length === 0, JSON.stringify(n));
});
