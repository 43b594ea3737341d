// How the CLI words a VirtualMachineInstanceMigration as it moves: a line per phase change, a line
// per change in the data moved (Vireo's migrationState extensions), and the outcome. Pure: the
// follower feeds it snapshots and prints what it returns.
import type { MigrationState, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}

/** "2.5 s", "1m05s": how long between two timestamps, when both are there. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * How far along, 0–100: by what remains when that is known (QEMU counts zero pages as done without
 * sending them, so bytes processed can stay well below the total), else by what was processed.
 */
export function percentDone(s: MigrationState | undefined): number | undefined {
  const total = s?.dataTotalBytes;
  if (!total) return undefined;
  const done = s.dataRemainingBytes !== undefined ? total - s.dataRemainingBytes : (s.dataProcessedBytes ?? 0);
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** "40% (64.0 MiB sent of 160.0 MiB, 96.0 MiB remaining)", or undefined before the totals are known. */
export function dataLine(s: MigrationState | undefined): string | undefined {
  const pct = percentDone(s);
  if (pct === undefined || !s?.dataTotalBytes) return undefined;
  const total = s.dataTotalBytes;
  const sent = s.dataProcessedBytes ?? 0;
  const left = s.dataRemainingBytes ?? Math.max(0, total - sent);
  return `${pct}% (${formatBytes(sent)} sent of ${formatBytes(total)}, ${formatBytes(left)} remaining)`;
}

const route = (s: MigrationState | undefined): string | undefined =>
  s?.sourceNode && s.targetNode ? `${s.sourceNode} → ${s.targetNode}` : s?.targetNode ? `target ${s.targetNode}` : undefined;

/** "Running: node1 → node2, target pod virt-launcher-vm-abcde" — the phase with what is known of the route. */
export function phaseLine(m: VirtualMachineInstanceMigration): string {
  const s = m.status?.migrationState;
  const where = [route(s), s?.targetPod ? `target pod ${s.targetPod}` : undefined].filter(Boolean).join(', ');
  return `${m.status?.phase ?? 'Pending'}${where ? `: ${where}` : ''}`;
}

function elapsed(s: MigrationState | undefined): number | undefined {
  const a = s?.startTimestamp ? Date.parse(s.startTimestamp) : NaN;
  const b = s?.endTimestamp ? Date.parse(s.endTimestamp) : NaN;
  return Number.isFinite(a) && Number.isFinite(b) ? b - a : undefined;
}

/** The last line: how it ended, with the time taken, the downtime or the failure reason. */
export function outcomeLine(m: VirtualMachineInstanceMigration): string {
  const s = m.status?.migrationState;
  const vmi = m.spec?.vmiName ?? '';
  if (m.status?.phase === 'Succeeded') {
    const took = elapsed(s);
    const extras = [took !== undefined ? `in ${formatDuration(took)}` : undefined, s?.downtimeMs !== undefined ? `downtime ${s.downtimeMs} ms` : undefined];
    const moved = s?.sourceNode && s.targetNode ? ` moved from ${s.sourceNode} to ${s.targetNode}` : ' migrated';
    return `Succeeded: ${vmi}${moved}${extras[0] ? ` ${extras[0]}` : ''}${extras[1] ? ` (${extras[1]})` : ''}`;
  }
  return `Failed: ${failureReason(m)}`;
}

export function failureReason(m: VirtualMachineInstanceMigration): string {
  const s = m.status?.migrationState;
  if (s?.failureReason) return s.failureReason;
  const cond = m.status?.conditions?.find((c) => c.status === 'True' && c.message) ?? m.status?.conditions?.find((c) => c.message);
  if (cond?.message) return cond.message;
  return s?.abortStatus === 'Succeeded' ? 'the migration was aborted' : 'no reason given';
}

/** One line for drain's report: "Running 40% node1 → node2". */
export function compactLine(m: VirtualMachineInstanceMigration): string {
  const s = m.status?.migrationState;
  const pct = percentDone(s);
  const r = route(s);
  return `${m.status?.phase ?? 'Pending'}${pct === undefined ? '' : ` ${pct}%`}${r ? ` ${r}` : ''}`;
}

/** Remembers what was printed and returns only the new lines for each snapshot. */
export class ProgressPrinter {
  private phase: string | undefined;
  private data: string | undefined;
  private abort: string | undefined;

  update(m: VirtualMachineInstanceMigration): string[] {
    const out: string[] = [];
    const s = m.status?.migrationState;
    const phase = phaseLine(m);
    const finished = m.status?.phase === 'Succeeded' || m.status?.phase === 'Failed';
    if (!finished && phase !== this.phase) out.push(phase);
    this.phase = phase;
    const abort = s?.abortRequested ? `abort requested${s.abortStatus ? `: ${s.abortStatus}` : ''}` : undefined;
    if (abort && abort !== this.abort) out.push(abort);
    this.abort = abort;
    const data = dataLine(s);
    if (data && data !== this.data && !finished) out.push(`  ${data}`);
    this.data = data;
    if (finished) out.push(outcomeLine(m));
    return out;
  }
}
