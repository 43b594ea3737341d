// The Node object of this agent: created or updated at start (labels by merge patch, so labels
// and annotations others set survive), status written with conditions merged by type, and a Ready
// heartbeat every 10 s.
import os from 'node:os';
import type { Node } from '../api/core/node.ts';
import { ApiStatusError, type KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import type { Condition } from '../machinery/object.ts';
import type { AccelResult } from './accel.ts';
import type { CpuFacts, HostFacts } from './host-facts.ts';
import { now, setCondition, updateStatus } from './status.ts';

export const KUBELET_VERSION = 'vireo-0.1.0';
const HEARTBEAT_MS = 10_000;
/** Held back from guests for the host and QEMU's own overhead. */
const RESERVED_MEMORY = 512 * 1024 * 1024;

export interface RegistrationFacts {
  nodeName: string;
  address: string;
  host: HostFacts;
  cpu: CpuFacts;
  accel: AccelResult;
}

export function nodeLabels(f: RegistrationFacts): Record<string, string> {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': f.nodeName,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubevirt.io/schedulable': 'true',
    'kubevirt.io/kvm-usable': String(f.accel.kvmUsable),
    'vireo.io/accel': f.accel.accel,
    'cpu-model.node.kubevirt.io/host-model': 'true',
  };
  for (const m of f.cpu.models) labels[`cpu-model.node.kubevirt.io/${m}`] = 'true';
  for (const feat of f.cpu.features) labels[`cpu-feature.node.kubevirt.io/${feat}`] = 'true';
  return labels;
}

function kvmCondition(accel: AccelResult): Omit<Condition, 'lastTransitionTime'> {
  return accel.kvmUsable
    ? { type: 'KVMUsable', status: 'True', reason: 'KVMProbeSucceeded', message: accel.reason }
    : {
        type: 'KVMUsable',
        status: 'False',
        reason: accel.reason === 'tcg requested' ? 'TCGRequested' : 'KVMProbeFailed',
        // detectAccel prefixes "kvm_pvm host: " when /sys/module/kvm_pvm exists; say it plainly.
        message: `${accel.reason.startsWith('kvm_pvm host: ') ? `this is a kvm_pvm host: ${accel.reason.slice('kvm_pvm host: '.length)}` : accel.reason}; guests run under TCG`,
      };
}

export function nodeStatus(f: RegistrationFacts, old: Node['status']): NonNullable<Node['status']> {
  const memKi = Math.floor(f.host.memoryBytes / 1024);
  const kvm = f.accel.kvmUsable ? '1000' : '0';
  const hb = now();
  let conditions = setCondition(old?.conditions, { ...kvmCondition(f.accel), lastHeartbeatTime: hb });
  conditions = setCondition(conditions, { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'vireo node agent is posting ready status', lastHeartbeatTime: hb });
  return {
    ...old,
    capacity: { cpu: String(f.host.cpus), memory: `${memKi}Ki`, pods: '110', 'devices.kubevirt.io/kvm': kvm },
    allocatable: { cpu: String(f.host.cpus), memory: `${Math.max(0, memKi - RESERVED_MEMORY / 1024)}Ki`, pods: '110', 'devices.kubevirt.io/kvm': kvm },
    conditions,
    addresses: [
      { type: 'InternalIP', address: f.address },
      { type: 'Hostname', address: os.hostname() },
    ],
    nodeInfo: {
      ...(old?.nodeInfo ?? {}),
      kernelVersion: f.host.kernelVersion,
      osImage: f.host.osImage,
      operatingSystem: 'linux',
      architecture: 'amd64',
      kubeletVersion: KUBELET_VERSION,
      containerRuntimeVersion: `qemu://${f.host.qemuVersion}`,
    },
  };
}

export class NodeRegistration {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly facts: RegistrationFacts,
  ) {}

  async register(): Promise<void> {
    const name = this.facts.nodeName;
    const labels = nodeLabels(this.facts);
    const existing = await this.client.tryGet<Node>(R.nodes, undefined, name);
    if (!existing) {
      try {
        await this.client.create<Node>(R.nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} });
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 409)) throw e;
      }
    }
    // Stale cpu-model/cpu-feature labels (another QEMU, another accelerator) are dropped.
    const stale: Record<string, null> = {};
    for (const k of Object.keys(existing?.metadata.labels ?? {})) {
      if ((k.startsWith('cpu-model.node.kubevirt.io/') || k.startsWith('cpu-feature.node.kubevirt.io/')) && !(k in labels)) stale[k] = null;
    }
    await this.client.mergePatch(R.nodes, undefined, name, { metadata: { labels: { ...stale, ...labels } } });
    await this.heartbeat();
    this.timer = setInterval(() => {
      this.heartbeat().catch((e: unknown) => console.error(`node agent ${name}: heartbeat failed: ${(e as Error).message}`));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  async heartbeat(): Promise<void> {
    await updateStatus<Node>(this.client, R.nodes, undefined, this.facts.nodeName, (n) => {
      n.status = nodeStatus(this.facts, n.status);
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
