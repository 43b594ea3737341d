import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failedStatus, failureMessage, phaseStatus, succeededStatus } from './clone-status.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const T1 = T0 + 5000;

test('under way: Progressing, not Ready, the names recorded, the start kept', () => {
  const s = phaseStatus({}, 'SnapshotInProgress', { snapshotName: 'tmp-snapshot-u', targetName: 't' }, T0);
  assert.equal(s.phase, 'SnapshotInProgress');
  assert.equal(s.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.deepEqual(s.conditions?.map((c) => [c.type, c.status, c.reason]), [['Progressing', 'True', 'Still processing'], ['Ready', 'False', 'Still processing']]);
  const next = phaseStatus(s, 'RestoreInProgress', { restoreName: 'tmp-restore-u' }, T1);
  assert.equal(next.creationTimestamp, s.creationTimestamp);
  assert.equal(next.snapshotName, 'tmp-snapshot-u');
  assert.equal(next.conditions?.[0].lastTransitionTime, '2026-01-01T00:00:00Z', 'an unchanged condition keeps its time');
});

test('Succeeded forgets the temporary snapshot and restore; Failed says why', () => {
  const s = phaseStatus({}, 'CreatingTargetVM', { snapshotName: 'a', restoreName: 'b', targetName: 't' }, T0);
  const ok = succeededStatus(s, T1);
  assert.deepEqual([ok.phase, ok.snapshotName, ok.restoreName, ok.targetName], ['Succeeded', undefined, undefined, 't']);
  assert.deepEqual(ok.conditions?.map((c) => [c.type, c.status, c.reason]), [['Progressing', 'False', 'Ready'], ['Ready', 'True', 'Ready']]);
  const bad = failedStatus(s, 'VirtualMachine x does not exist in namespace default', T1);
  assert.equal(bad.phase, 'Failed');
  assert.equal(failureMessage({ apiVersion: 'clone.kubevirt.io/v1beta1', kind: 'VirtualMachineClone', metadata: {}, status: bad }), 'VirtualMachine x does not exist in namespace default');
  assert.deepEqual(bad.conditions?.map((c) => [c.type, c.status, c.reason]), [['Progressing', 'False', 'Failed'], ['Ready', 'False', 'Failed']]);
});
