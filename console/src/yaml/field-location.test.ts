import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldPath, locateField } from './field-location.ts';

const vm = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: bad
  labels:
    vm.openshift.io/folder: demo
spec:
  template:
    spec:
      domain:
        resources:
          requests:
            memory: 128Mi
          limits:
            memory: 64Mi
      volumes:
        - name: root
          containerDisk:
            image: vireo.local/tiny:latest
        - name: other
          containerDisk: {}
`;

const at = (field: string) => {
  const l = locateField(vm, field);
  return l && { text: vm.slice(l.from, l.to), exact: l.exact };
};

test('field paths with indexes and dotted keys', () => {
  assert.deepEqual(fieldPath('spec.template.spec.volumes[2].hostDisk.capacity'), ['spec', 'template', 'spec', 'volumes', 2, 'hostDisk', 'capacity']);
  assert.deepEqual(fieldPath('metadata.labels[vm.openshift.io/folder]'), ['metadata', 'labels', 'vm.openshift.io/folder']);
  assert.deepEqual(fieldPath('metadata.annotations["a.b/c"]'), ['metadata', 'annotations', 'a.b/c']);
  assert.deepEqual(fieldPath('metadata.name'), ['metadata', 'name']);
});

test('a scalar field: its key and value', () => {
  assert.deepEqual(at('spec.template.spec.domain.resources.limits.memory'), { text: 'memory: 64Mi', exact: true });
  assert.deepEqual(at('metadata.name'), { text: 'name: bad', exact: true });
  assert.deepEqual(at('metadata.labels[vm.openshift.io/folder]'), { text: 'vm.openshift.io/folder: demo', exact: true });
});

test('a map field: its key only; a list item: its first line', () => {
  assert.deepEqual(at('spec.template.spec.domain.resources'), { text: 'resources', exact: true });
  assert.deepEqual(at('spec.template.spec.volumes[1]'), { text: 'name: other', exact: true });
  assert.deepEqual(at('spec.template.spec.volumes[0].containerDisk.image'), { text: 'image: vireo.local/tiny:latest', exact: true });
});

test('a missing field: its deepest ancestor, not exact; nothing when the root is missing', () => {
  assert.deepEqual(at('spec.template.spec.volumes[1].containerDisk.image'), { text: 'containerDisk', exact: false });
  assert.deepEqual(at('spec.template.spec.volumes[5].name'), { text: 'volumes', exact: false });
  assert.equal(at('status.phase'), undefined);
  assert.equal(locateField('a: [', 'a'), undefined, 'unparsable text');
});
