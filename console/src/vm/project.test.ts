import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectNameProblems, projectNamespace } from './project.ts';

test('project names are DNS labels outside the reserved prefixes', () => {
  assert.deepEqual(projectNameProblems('vmexamples'), []);
  assert.deepEqual(projectNameProblems(''), ['project.nameEmpty']);
  assert.deepEqual(projectNameProblems('My Project'), ['project.nameChars']);
  assert.deepEqual(projectNameProblems('-x'), ['project.nameEnds']);
  assert.deepEqual(projectNameProblems('x'.repeat(64)), ['project.nameTooLong']);
  assert.deepEqual(projectNameProblems('openshift-virtualization'), ['project.nameReserved']);
  assert.deepEqual(projectNameProblems('kube-system'), ['project.nameReserved']);
});

test('the Namespace carries display name and description as OpenShift annotations, only when given', () => {
  assert.deepEqual(projectNamespace('lab', ' Lab ', ''), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab', annotations: { 'openshift.io/display-name': 'Lab' } } });
  assert.deepEqual(projectNamespace('lab', '', ''), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } });
});
