import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podKind, type Pod } from './pod.ts';
import { podSummary } from './pod-summary.ts';
import { admit, brief, schemaErrors, updateCtx } from './testing.ts';

function launcher(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'virt-launcher-vm-fedora-dpc87', namespace: 'default' },
    spec: {
      containers: [
        { name: 'compute', image: 'vireo/launcher', resources: { requests: { memory: '1Gi' }, limits: { memory: '2Gi' } } },
        { name: 'guest-console-log', image: 'vireo/launcher' },
      ],
      schedulerName: 'my-scheduler',
      tolerations: [{ key: 'key', operator: 'Equal', value: 'virtualization', effect: 'NoSchedule' }],
    },
  };
}

test('a launcher pod is valid; unknown PodSpec fields are kept', async () => {
  const p = launcher();
  (p.spec as Record<string, unknown>).hostNetwork = false;
  assert.deepEqual(schemaErrors(podKind.schema, p), []);
  assert.deepEqual(await admit(podKind, p), []);
  assert.equal(p.spec?.restartPolicy, 'Always');
  assert.equal(p.spec?.schedulerName, 'my-scheduler');
  assert.equal(p.status?.phase, 'Pending');
});

test('container names unique; requests within limits; tolerations consistent', async () => {
  const p = launcher();
  p.spec!.containers[1].name = 'compute';
  p.spec!.containers[0].resources!.requests!.memory = '3Gi';
  p.spec!.tolerations = [{ operator: 'Exists', value: 'x' }];
  assert.deepEqual(brief(await admit(podKind, p)), [
    { field: 'spec.containers[0].resources.requests[memory]', message: 'Invalid value: "3Gi": must be less than or equal to memory limit of 2Gi' },
    { field: 'spec.containers[1].name', message: 'Duplicate value: "compute"' },
    { field: 'spec.tolerations[0].operator', message: `Invalid value: "x": value must be empty when \`operator\` is 'Exists'` },
  ]);
});

test('updates may set nodeName once and change images, nothing else', async () => {
  const old = launcher();
  podKind.defaults?.(old);
  const bound = structuredClone(old);
  bound.spec!.nodeName = 'node01';
  bound.spec!.containers[0].image = 'vireo/launcher:2';
  assert.deepEqual(await admit(podKind, bound, updateCtx(old)), []);
  const moved = structuredClone(bound);
  moved.spec!.nodeName = 'node02';
  assert.equal((await admit(podKind, moved, updateCtx(bound)))[0]?.field, 'spec');
});

test('READY, STATUS and RESTARTS as kubectl computes them', () => {
  const p = launcher();
  p.status = {
    phase: 'Running',
    containerStatuses: [
      { name: 'compute', ready: true, restartCount: 1, state: { running: {} } },
      { name: 'guest-console-log', ready: true, restartCount: 2, state: { running: {} } },
    ],
  };
  assert.deepEqual(podSummary(p), { ready: '2/2', status: 'Running', restarts: 3 });
  p.status.containerStatuses![1] = { name: 'guest-console-log', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } };
  assert.deepEqual(podSummary(p), { ready: '1/2', status: 'CrashLoopBackOff', restarts: 1 });
  p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  assert.equal(podSummary(p).status, 'Terminating');
});

test('init containers show Init:n/m', () => {
  const p = launcher();
  p.spec!.initContainers = [{ name: 'a' }, { name: 'b' }];
  p.status = { phase: 'Pending', initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] };
  assert.equal(podSummary(p).status, 'Init:1/2');
});

test('columns in kubectl order, wide ones last', () => {
  assert.deepEqual(
    podKind.printerColumns.map((c) => `${c.name}${c.priority ? '*' : ''}`),
    ['Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*'],
  );
  const cell = (name: string) => podKind.printerColumns.find((c) => c.name === name)?.value?.(launcher());
  assert.equal(cell('IP'), '<none>');
  assert.equal(cell('Readiness Gates'), '<none>');
});
