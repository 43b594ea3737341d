import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventKind, eventObject, type Event } from './event.ts';
import { admit, brief, schemaErrors } from './testing.ts';

function scheduled(): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'fedora01.17a', namespace: 'default' },
    involvedObject: { kind: 'VirtualMachine', namespace: 'default', name: 'fedora01', apiVersion: 'kubevirt.io/v1' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/virt-launcher-vm-fedora-dpc87 to node01',
    source: { component: 'my-scheduler' },
    firstTimestamp: '2024-01-01T00:00:00Z',
    lastTimestamp: '2024-01-01T00:01:00Z',
  };
}

test('an event is valid; type and count default', async () => {
  const e = scheduled();
  assert.deepEqual(schemaErrors(eventKind.schema, e), []);
  assert.deepEqual(await admit(eventKind, e), []);
  assert.equal(e.type, 'Normal');
  assert.equal(e.count, 1);
});

test('the involved object must be in the event namespace', async () => {
  const e = scheduled();
  e.involvedObject.namespace = 'other';
  assert.deepEqual(brief(await admit(eventKind, e)), [{ field: 'involvedObject.namespace', message: 'Invalid value: "other": does not match event.namespace' }]);
});

test('type is Normal or Warning', () => {
  const e = scheduled() as Record<string, unknown>;
  e.type = 'Info';
  assert.ok(schemaErrors(eventKind.schema, e).some((m) => m.startsWith('/type')));
});

test('OBJECT is lower-case kind/name; columns in kubectl order', () => {
  assert.equal(eventObject(scheduled()), 'virtualmachine/fedora01');
  assert.deepEqual(
    eventKind.printerColumns.filter((c) => !c.priority).map((c) => c.name),
    ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
  );
  const lastSeen = eventKind.printerColumns[0];
  assert.equal(lastSeen.value?.(scheduled()), '2024-01-01T00:01:00Z');
  const source = eventKind.printerColumns.find((c) => c.name === 'Source');
  assert.equal(source?.value?.({ ...scheduled(), source: { component: 'kubelet', host: 'node01' } }), 'kubelet, node01');
});
