// The start/stop/restart table of the seed (§7.1.4) and KubeVirt's refusals, row by row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRequests, planAction, type ActionPlan, type VmAction } from './action-table.ts';
import { GRACE_PERIOD_ANNOTATION } from './names.ts';
import type { RunStrategy } from './run-strategy.ts';
import { VMI_UID, vmFixture, vmiFixture, type VmiState } from './test-fixtures.ts';

/** The plan as the run strategy it leaves, the requests it queues, or the refusal. */
function outcome(p: ActionPlan): string {
  if (p.kind === 'refuse') return `refused ${p.code}: ${p.message}`;
  if (p.kind === 'setRunning') return p.running ? 'Always' : 'Halted';
  return p.requests.map((r) => (r.action === 'Stop' ? `Stop(${r.uid})` : 'Start')).join('+');
}

const run = (strategy: RunStrategy, action: VmAction, state: VmiState | 'none') =>
  outcome(planAction(action, vmFixture(strategy), state === 'none' ? undefined : vmiFixture(state)));

// The seed's table, each row with the VM stopped (no VMI) and running (a Running VMI).
// Initial strategy | start | stop | restart → Always: - Halted Always; RerunOnFailure: - Halted
// RerunOnFailure; Manual: Manual Manual Manual; Halted: Always - -.
const seed: [RunStrategy, VmAction, VmiState | 'none', string][] = [
  ['Always', 'start', 'Running', 'refused 409: VM is already running'],
  ['Always', 'start', 'none', 'refused 409: Always does not support manual start requests'],
  ['Always', 'stop', 'Running', 'Halted'],
  ['Always', 'stop', 'none', 'Halted'],
  ['Always', 'restart', 'Running', `Stop(${VMI_UID})+Start`],
  ['Always', 'restart', 'none', 'refused 409: VM is not running: Halted'],
  ['RerunOnFailure', 'start', 'Running', 'refused 409: VM is already running'],
  ['RerunOnFailure', 'start', 'none', 'Start'],
  ['RerunOnFailure', 'stop', 'Running', 'Halted'],
  ['RerunOnFailure', 'stop', 'none', 'Halted'],
  ['RerunOnFailure', 'restart', 'Running', `Stop(${VMI_UID})+Start`],
  ['Manual', 'start', 'none', 'Start'],
  ['Manual', 'start', 'Running', 'refused 409: VM is already running'],
  ['Manual', 'stop', 'Running', `Stop(${VMI_UID})`],
  ['Manual', 'stop', 'none', 'refused 409: VM is not running'],
  ['Manual', 'restart', 'Running', `Stop(${VMI_UID})+Start`],
  ['Manual', 'restart', 'none', 'refused 409: VM is not running: Halted'],
  ['Halted', 'start', 'none', 'Always'],
  ['Halted', 'stop', 'none', 'refused 409: VM is not running'],
  ['Halted', 'restart', 'none', 'refused 409: RunStategy Halted does not support manual restart requests'],
];

for (const [strategy, action, state, want] of seed) {
  test(`${strategy}: ${action} with VMI ${state} → ${want}`, () => assert.equal(run(strategy, action, state), want));
}

test('start after the VMI finished: Manual and RerunOnFailure replace it, a failed RerunOnFailure VM is refused', () => {
  assert.equal(run('Manual', 'start', 'Succeeded'), `Stop(${VMI_UID})+Start`);
  assert.equal(run('Manual', 'start', 'Failed'), `Stop(${VMI_UID})+Start`);
  assert.equal(run('RerunOnFailure', 'start', 'Succeeded'), `Stop(${VMI_UID})+Start`);
  assert.equal(run('RerunOnFailure', 'start', 'Failed'), 'refused 409: RerunOnFailure does not support starting VM from failed state');
});

test('Once: start refused, stop halts, restart refused', () => {
  assert.equal(run('Once', 'start', 'Succeeded'), 'refused 409: Once does not support manual start requests');
  assert.equal(run('Once', 'stop', 'Running'), 'Halted');
  assert.equal(run('Once', 'restart', 'Running'), 'refused 409: RunStategy Once does not support manual restart requests');
});

test('a VMI with no phase yet or in phase Unknown does not count as running for start', () => {
  assert.equal(run('Manual', 'start', 'Unknown'), 'Start');
  assert.equal(outcome(planAction('start', vmFixture('Manual'), vmiFixture(''))), 'Start');
});

test('spec.running VMs: start and stop flip running', () => {
  assert.deepEqual(planAction('start', vmFixture({ running: false }), undefined), { kind: 'setRunning', running: true });
  assert.deepEqual(planAction('start', vmFixture(undefined), undefined), { kind: 'setRunning', running: true });
  assert.deepEqual(planAction('stop', vmFixture({ running: true }), vmiFixture('Running')), { kind: 'setRunning', running: false });
});

test('start --paused on Halted queues a paused Start request', () => {
  assert.deepEqual(planAction('start', vmFixture('Halted'), undefined, { paused: true }), { kind: 'requests', requests: [{ action: 'Start', data: { paused: 'true' } }] });
});

test('stop with a grace period hands it to the running VMI', () => {
  assert.deepEqual(planAction('stop', vmFixture('Always'), vmiFixture('Running'), { gracePeriodSeconds: 0 }), { kind: 'setRunning', running: false, graceVmi: 0 });
  assert.deepEqual(planAction('stop', vmFixture('Manual'), vmiFixture('Running'), { gracePeriodSeconds: 5 }), { kind: 'requests', requests: [{ action: 'Stop', uid: VMI_UID }], graceVmi: 5 });
  // No VMI to hand it to.
  assert.deepEqual(planAction('stop', vmFixture('Always'), undefined, { gracePeriodSeconds: 0 }), { kind: 'setRunning', running: false });
  assert.equal(outcome(planAction('stop', vmFixture('Always'), vmiFixture('Running'), { gracePeriodSeconds: -1 })), 'refused 400: gracePeriod has to be greater or equal to 0');
});

test('stop on a Halted VM that is still stopping: only a shorter grace period is accepted', () => {
  const stopping = vmiFixture('deleting');
  stopping.spec!.terminationGracePeriodSeconds = 180;
  assert.equal(outcome(planAction('stop', vmFixture('Halted'), stopping)), 'refused 409: Halted only supports manual stop requests with a shorter graceperiod');
  assert.equal(outcome(planAction('stop', vmFixture('Halted'), stopping, { gracePeriodSeconds: 180 })), 'refused 409: Halted only supports manual stop requests with a shorter graceperiod');
  assert.deepEqual(planAction('stop', vmFixture('Halted'), stopping, { gracePeriodSeconds: 0 }), { kind: 'requests', requests: [{ action: 'Stop', uid: VMI_UID }], graceVmi: 0 });
  // An earlier --grace-period counts as the period in force.
  stopping.metadata.annotations = { [GRACE_PERIOD_ANNOTATION]: '10' };
  assert.equal(outcome(planAction('stop', vmFixture('Halted'), stopping, { gracePeriodSeconds: 30 })), 'refused 409: Halted only supports manual stop requests with a shorter graceperiod');
});

test('restart accepts only gracePeriodSeconds 0 (force)', () => {
  assert.equal(outcome(planAction('restart', vmFixture('Always'), vmiFixture('Running'), { gracePeriodSeconds: 30 })), 'refused 400: For force restart, only gracePeriod=0 is supported for now');
  assert.deepEqual(planAction('restart', vmFixture('Always'), vmiFixture('Running'), { gracePeriodSeconds: 0 }), {
    kind: 'requests',
    requests: [{ action: 'Stop', uid: VMI_UID }, { action: 'Start' }],
    graceVmi: 0,
  });
});

test('requests queue: into an empty queue, a lone Stop replaces, anything else waits its turn', () => {
  const start = { action: 'Start' as const };
  const stop = { action: 'Stop' as const, uid: 'u' };
  assert.deepEqual(mergeRequests(undefined, [start]), [start]);
  assert.deepEqual(mergeRequests([], [stop, start]), [stop, start]);
  assert.deepEqual(mergeRequests([start], [stop]), [stop]);
  assert.deepEqual(mergeRequests([start], [start]), { refuse: 'unable to complete request: stop/start already underway' });
});
