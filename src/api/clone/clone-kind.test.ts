import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, updateCtx, yamlObject } from '../core/testing.ts';
import { defaultTarget } from './target-name.ts';
import { virtualMachineCloneKind, type VirtualMachineClone } from './virtualmachineclone.ts';

// KubeVirt's user-guide example.
const CLONE = `
apiVersion: clone.kubevirt.io/v1beta1
kind: VirtualMachineClone
metadata:
  name: testclone
spec:
  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: vm-cirros
  target:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: vm-clone-target
  labelFilters: ["*", "!someKey/*"]
  annotationFilters: ["anotherKey/*"]
  template:
    labelFilters: ["*", "!someKey/*"]
    annotationFilters: ["anotherKey/*"]
  newMacAddresses:
    interfaceName: "02:11:22:33:44:55"
  newSMBiosSerial: "new-serial"
`;

const clone = () => yamlObject<VirtualMachineClone>(CLONE);

test('VirtualMachineClone is clone.kubevirt.io/v1beta1 with KubeVirt short names and columns', () => {
  const k = virtualMachineCloneKind;
  assert.deepEqual([k.group, k.version, k.plural, k.shortNames, k.namespaced, k.hasStatus], ['clone.kubevirt.io', 'v1beta1', 'virtualmachineclones', ['vmclone', 'vmclones'], true, true]);
  assert.deepEqual(k.printerColumns.map((c) => [c.name, c.jsonPath]), [
    ['Phase', '.status.phase'],
    ['SourceVirtualMachine', '.spec.source.name'],
    ['TargetVirtualMachine', '.spec.target.name'],
  ]);
});

test("KubeVirt's example clone is valid", async () => {
  const c = clone();
  assert.deepEqual(schemaErrors(virtualMachineCloneKind.schema, c), []);
  assert.deepEqual(await admit(virtualMachineCloneKind, c), []);
  assert.equal(c.spec?.target?.name, 'vm-clone-target', 'a named target keeps its name');
});

test('a clone without a target (or its name) gets clone-<source>-<random>', async () => {
  const c = clone();
  delete c.spec!.target;
  defaultTarget(c, 'x2b4z');
  assert.deepEqual(c.spec!.target, { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'clone-vm-cirros-x2b4z' });
  const d = clone();
  delete d.spec!.target!.name;
  assert.deepEqual(await admit(virtualMachineCloneKind, d), []);
  assert.match(d.spec!.target!.name!, /^clone-vm-cirros-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('an unsupported source or target is refused naming each field', async () => {
  const c = clone();
  c.spec!.source = { apiGroup: '', kind: 'Pod', name: '' };
  c.spec!.target = { apiGroup: 'apps', kind: 'Deployment', name: 'x' };
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, c)), [
    { field: 'spec.source.kind', message: 'Unsupported value: "Pod": supported values: "VirtualMachine", "VirtualMachineSnapshot"' },
    { field: 'spec.source.name', message: "Source's name cannot be empty" },
    { field: 'spec.target.kind', message: 'Unsupported value: "Deployment": supported values: "VirtualMachine"' },
    { field: 'spec.target.apiGroup', message: 'Invalid value: "apps": must be kubevirt.io' },
  ]);
  const s = clone();
  s.spec!.source = { apiGroup: 'kubevirt.io', kind: 'VirtualMachineSnapshot', name: 'golden' };
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, s)), [{ field: 'spec.source.apiGroup', message: 'Invalid value: "kubevirt.io": a VirtualMachineSnapshot is in apiGroup snapshot.kubevirt.io' }]);
  s.spec!.source.apiGroup = 'snapshot.kubevirt.io';
  assert.deepEqual(await admit(virtualMachineCloneKind, s), []);
});

test('the target is another VM with a valid name', async () => {
  const c = clone();
  c.spec!.target!.name = 'vm-cirros';
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, c)), [{ field: 'spec.target.name', message: 'Target name cannot be equal to source name when both are VirtualMachines' }]);
  c.spec!.target!.name = 'Bad.Name';
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, c)).map((e) => e.field), ['spec.target.name']);
});

test("filters, MACs and patches are checked with KubeVirt's rules", async () => {
  const c = clone();
  c.spec!.labelFilters = ['ok/*', 'some/*/key', 'key!', '!'];
  c.spec!.template!.annotationFilters = ['*/key'];
  c.spec!.newMacAddresses = { eth0: 'not-a-mac', eth1: '' };
  c.spec!.patches = ['{"op": "replace", "path": "/metadata/name", "value": "x"}', 'nope', '{"op": "add", "path": "/spec/runStrategy", "value": "Always"}'];
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, c)), [
    { field: 'spec.labelFilters[1]', message: 'filter some/*/key is invalid: cannot contain a wildcard character (*); WildcardChar can be only at the end of the filter' },
    { field: 'spec.labelFilters[2]', message: 'filter key! is invalid: cannot contain a negation character (!); NegationChar can be only used at the beginning of the filter' },
    { field: 'spec.labelFilters[3]', message: 'a negation character is not a valid filter' },
    { field: 'spec.template.annotationFilters[0]', message: 'filter */key is invalid: cannot contain a wildcard character (*); WildcardChar can be only at the end of the filter' },
    { field: 'spec.newMacAddresses[eth0]', message: 'interface eth0 has malformed MAC address (not-a-mac).' },
    { field: 'spec.patches[0]', message: 'patching is valid only for elements under /spec/ only: "path": "/metadata/name"' },
    { field: 'spec.patches[1]', message: 'patch is not valid JSON (nope)' },
  ]);
});

test('the spec never changes after creation; the status may', async () => {
  const old = clone();
  const changed = structuredClone(old);
  changed.spec!.newSMBiosSerial = 'other';
  assert.deepEqual(brief(await admit(virtualMachineCloneKind, changed, updateCtx(old))), [{ field: 'spec', message: 'spec is immutable after creation' }]);
  const status = { ...structuredClone(old), status: { phase: 'Succeeded' as const } };
  assert.deepEqual(await admit(virtualMachineCloneKind, status, updateCtx(old)), []);
});
