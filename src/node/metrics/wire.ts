// The `metrics` subresource's answer (GET …/virtualmachineinstances/NAME/metrics?since=SECONDS),
// shared by the node agent that serves it and the CLI that prints it. Rates are per second over
// the interval that ends at `time`; a rate is null when its source could not be read then.
//
//   intervalSeconds       the agent's sampling interval
//   networkSource         where network counters come from: 'tap' (host tap devices of
//                         bridge-bound NICs), 'guest-agent' (the guest's own interface statistics,
//                         for user-mode/masquerade NICs), both, or 'none' (no source answered)
//   samples[].time        RFC 3339 time the counters were read
//   cpuCores              vCPU-seconds per second used by the QEMU process (1.5 = one and a half cores)
//   memoryBytes           the guest's configured memory (QMP query-memory-size-summary)
//   memoryRssBytes        QEMU's resident set size (/proc/PID/status VmRSS)
//   diskRead/WriteBytesPerSec, diskRead/WriteOpsPerSec   summed over all disks (QMP query-blockstats)
//   networkRx/TxBytesPerSec   what the guest received / sent, summed over its NICs; null when none measured
//   disks[]               per disk: cumulative counters since QEMU started (name = the VMI's disk name)
//   error                 present while the latest reading fails: its message

export type NetworkSource = 'tap' | 'guest-agent' | 'tap+guest-agent' | 'none';

export interface DiskCounters {
  name: string;
  readBytes: number;
  writeBytes: number;
  readOps: number;
  writeOps: number;
}

export interface MetricsSample {
  time: string;
  cpuCores: number;
  memoryBytes: number;
  memoryRssBytes: number;
  diskReadBytesPerSec: number | null;
  diskWriteBytesPerSec: number | null;
  diskReadOpsPerSec: number | null;
  diskWriteOpsPerSec: number | null;
  networkRxBytesPerSec: number | null;
  networkTxBytesPerSec: number | null;
  disks: DiskCounters[];
}

export interface MetricsResponse {
  kind: 'VirtualMachineInstanceMetrics';
  apiVersion: 'subresources.kubevirt.io/v1';
  intervalSeconds: number;
  networkSource: NetworkSource;
  samples: MetricsSample[];
  /** The last reading failed (and why); samples stop growing until a reading succeeds again. */
  error?: string;
}
