// Reads one guest's counters: QEMU's CPU time and RSS from /proc, its configured memory and block
// statistics over QMP, and NIC traffic from tap devices or the guest agent (nic-sources.ts).
import { readFile } from 'node:fs/promises';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { RunningGuest } from '../guest.ts';
import { cpuTicks, rssBytes } from './proc.ts';
import { agentCounters, nicSources, type AgentInterface } from './nic-sources.ts';
import type { Counters, NetCounters } from './rates.ts';
import type { DiskCounters, NetworkSource } from './wire.ts';

interface BlockStats {
  qdev?: string;
  device?: string;
  stats: { rd_bytes: number; wr_bytes: number; rd_operations: number; wr_operations: number };
}

const MiB = 1024 * 1024;

export interface Reading {
  counters: Counters;
  networkSource: NetworkSource;
}

export async function readCounters(guest: RunningGuest, vmi: VirtualMachineInstance | undefined, nodeName: string): Promise<Reading> {
  const [stat, status, memory, disks] = await Promise.all([
    readFile(`/proc/${guest.pid}/stat`, 'utf8'),
    readFile(`/proc/${guest.pid}/status`, 'utf8'),
    guest.qmp.execute<{ 'base-memory': number; 'plugged-memory'?: number }>('query-memory-size-summary'),
    readDisks(guest),
  ]);
  const { net, source } = vmi ? await readNetwork(guest, vmi, nodeName) : { net: undefined, source: 'none' as const };
  return {
    counters: {
      atMs: Date.now(),
      cpuTicks: cpuTicks(stat),
      // Whole MiB, as configured: under TCG QEMU holds 8 KiB more (see memoryArg in argv-machine.ts).
      memoryBytes: Math.floor((memory['base-memory'] + (memory['plugged-memory'] ?? 0)) / MiB) * MiB,
      rssBytes: rssBytes(status),
      disks,
      net,
    },
    networkSource: source,
  };
}

/** Disks the VMI declares (device ids `ua-disk-NAME`); firmware flash and the like are left out. */
async function readDisks(guest: RunningGuest): Promise<DiskCounters[]> {
  const stats = await guest.qmp.execute<BlockStats[]>('query-blockstats');
  const out: DiskCounters[] = [];
  for (const b of stats) {
    const m = /(?:^|\/)ua-disk-([^/]+)/.exec(b.qdev ?? b.device ?? '');
    if (!m) continue;
    out.push({ name: m[1], readBytes: b.stats.rd_bytes, writeBytes: b.stats.wr_bytes, readOps: b.stats.rd_operations, writeOps: b.stats.wr_operations });
  }
  return out;
}

async function readNetwork(guest: RunningGuest, vmi: VirtualMachineInstance, nodeName: string): Promise<{ net: NetCounters | undefined; source: NetworkSource }> {
  const sources = nicSources(vmi, nodeName);
  let agentIfaces: AgentInterface[] | undefined;
  if (sources.some((s) => s.kind === 'guest-agent')) {
    // No agent (or an old one) just means those NICs go unmeasured; the answer says which source counted.
    agentIfaces = await guest.qga.command<AgentInterface[]>('guest-network-get-interfaces', undefined, 2000).catch(() => undefined);
  }
  let rx = 0;
  let tx = 0;
  const used = new Set<'tap' | 'guest-agent'>();
  for (const s of sources) {
    const c = s.kind === 'tap' ? await tapCounters(s.tap) : agentCounters(agentIfaces, s.mac);
    if (!c) continue;
    rx += c.rxBytes;
    tx += c.txBytes;
    used.add(s.kind);
  }
  const source: NetworkSource = used.size === 2 ? 'tap+guest-agent' : used.size === 1 ? [...used][0]! : 'none';
  return { net: used.size > 0 ? { rxBytes: rx, txBytes: tx } : undefined, source };
}

/** A tap's host view is the mirror of the guest's: what the tap transmits, the guest receives. */
async function tapCounters(tap: string): Promise<NetCounters | undefined> {
  const read = (f: string) => readFile(`/sys/class/net/${tap}/statistics/${f}`, 'utf8').then(Number);
  try {
    const [txOfTap, rxOfTap] = await Promise.all([read('tx_bytes'), read('rx_bytes')]);
    return { rxBytes: txOfTap, txBytes: rxOfTap };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // tap not (yet / any more) there
    throw e;
  }
}
