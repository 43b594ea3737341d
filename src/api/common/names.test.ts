import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDiskName, validateDnsLabel, validateDnsSubdomainName, validateVmName } from './names.ts';

test('VM names: lower-case a-z, 0-9 and -, alphanumeric ends, at most 253, no periods', () => {
  for (const ok of ['rhel9-vm', 'a', 'vm1', 'x'.repeat(253)]) assert.deepEqual(validateVmName(ok), [], ok);
  for (const bad of ['RHEL9', 'my vm', 'vm.fedora', '-vm', 'vm-', 'vm_1', '']) {
    const errs = validateVmName(bad);
    assert.equal(errs.length, 1, bad);
    assert.match(errs[0]!, /lower-case letters \(a-z\), digits \(0-9\) and hyphens \(-\), must start and end with an alphanumeric character/);
  }
  assert.match(validateVmName('x'.repeat(254)).join(), /no more than 253 characters/);
});

test('disk names may also contain periods', () => {
  for (const ok of ['rootdisk', 'disk.0', 'a.b-c']) assert.deepEqual(validateDiskName(ok), [], ok);
  for (const bad of ['Disk', '.disk', 'disk.', 'disk 0', 'disk_0']) {
    assert.match(validateDiskName(bad).join(), /hyphens \(-\) and periods \(\.\), must start and end with an alphanumeric/, bad);
  }
});

test('DNS subdomain (generic metadata.name) and DNS label', () => {
  assert.deepEqual(validateDnsSubdomainName('kube-root-ca.crt'), []);
  assert.notDeepEqual(validateDnsSubdomainName('a..b'), []);
  assert.notDeepEqual(validateDnsSubdomainName('Upper'), []);
  assert.deepEqual(validateDnsLabel('x'.repeat(63)), []);
  assert.match(validateDnsLabel('x'.repeat(64)).join(), /no more than 63/);
  assert.notDeepEqual(validateDnsLabel('a.b'), []);
});
