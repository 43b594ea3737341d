import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MigrationState, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { ProgressPrinter, compactLine, dataLine, formatBytes, formatDuration, outcomeLine, phaseLine } from './migration-progress.ts';

const MiB = 1024 * 1024;

function vmim(phase: string | undefined, s: MigrationState = {}): VirtualMachineInstanceMigration {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstanceMigration',
    metadata: { name: 'vm1-migration-abcde', namespace: 'ns' },
    spec: { vmiName: 'vm1' },
    status: { ...(phase ? { phase } : {}), migrationState: s },
  } as VirtualMachineInstanceMigration;
}

test('bytes and durations', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(160 * MiB), '160.0 MiB');
  assert.equal(formatBytes(1024 * 1024 * MiB), '1.0 TiB');
  assert.equal(formatDuration(2500), '2.5 s');
  assert.equal(formatDuration(65_000), '1m05s');
});

test('the data line needs a total; the percentage follows what remains when that is known', () => {
  assert.equal(dataLine(undefined), undefined);
  assert.equal(dataLine({ dataProcessedBytes: 5 }), undefined);
  assert.equal(dataLine({ dataTotalBytes: 160 * MiB, dataProcessedBytes: 64 * MiB }), '40% (64.0 MiB sent of 160.0 MiB, 96.0 MiB remaining)');
  // Zero pages count as done without being sent: little sent, nothing left.
  assert.equal(dataLine({ dataTotalBytes: 144 * MiB, dataProcessedBytes: 52 * MiB, dataRemainingBytes: 0 }), '100% (52.0 MiB sent of 144.0 MiB, 0 B remaining)');
  // Dirty pages sent again: more sent than the total.
  assert.equal(dataLine({ dataTotalBytes: 100 * MiB, dataProcessedBytes: 150 * MiB, dataRemainingBytes: 2 * MiB }), '98% (150.0 MiB sent of 100.0 MiB, 2.0 MiB remaining)');
});

test('phase lines name the route and the target pod once known', () => {
  assert.equal(phaseLine(vmim(undefined)), 'Pending');
  assert.equal(phaseLine(vmim('Scheduled', { targetNode: 'node2' })), 'Scheduled: target node2');
  assert.equal(phaseLine(vmim('Running', { sourceNode: 'node1', targetNode: 'node2', targetPod: 'virt-launcher-vm1-x' })), 'Running: node1 → node2, target pod virt-launcher-vm1-x');
  assert.equal(compactLine(vmim('Running', { sourceNode: 'node1', targetNode: 'node2', dataTotalBytes: 100, dataProcessedBytes: 42 })), 'Running 42% node1 → node2');
  assert.equal(compactLine(vmim(undefined)), 'Pending');
});

test('outcomes: time taken and downtime, or the failure reason', () => {
  const ok = vmim('Succeeded', { sourceNode: 'node1', targetNode: 'node2', startTimestamp: '2024-01-01T00:00:00Z', endTimestamp: '2024-01-01T00:00:08Z', downtimeMs: 31 });
  assert.equal(outcomeLine(ok), 'Succeeded: vm1 moved from node1 to node2 in 8.0 s (downtime 31 ms)');
  assert.equal(outcomeLine(vmim('Succeeded')), 'Succeeded: vm1 migrated');
  assert.equal(outcomeLine(vmim('Failed', { failureReason: 'target node2 stopped answering' })), 'Failed: target node2 stopped answering');
  assert.equal(outcomeLine(vmim('Failed', { abortRequested: true, abortStatus: 'Succeeded' })), 'Failed: the migration was aborted');
});

test('the printer prints each change once, and the outcome last', () => {
  const p = new ProgressPrinter();
  const s = { sourceNode: 'node1', targetNode: 'node2' };
  assert.deepEqual(p.update(vmim('Pending')), ['Pending']);
  assert.deepEqual(p.update(vmim('Pending')), []);
  assert.deepEqual(p.update(vmim('Running', { ...s, dataTotalBytes: 100 * MiB, dataProcessedBytes: 10 * MiB })), ['Running: node1 → node2', '  10% (10.0 MiB sent of 100.0 MiB, 90.0 MiB remaining)']);
  assert.deepEqual(p.update(vmim('Running', { ...s, dataTotalBytes: 100 * MiB, dataProcessedBytes: 10 * MiB })), []);
  assert.deepEqual(p.update(vmim('Running', { ...s, dataTotalBytes: 100 * MiB, dataProcessedBytes: 60 * MiB, abortRequested: true })), [
    'abort requested',
    '  60% (60.0 MiB sent of 100.0 MiB, 40.0 MiB remaining)',
  ]);
  assert.deepEqual(p.update(vmim('Failed', { ...s, abortRequested: true, abortStatus: 'Succeeded', failureReason: 'aborted by the user' })), [
    'abort requested: Succeeded',
    'Failed: aborted by the user',
  ]);
});
