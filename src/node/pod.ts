// The launcher Pod of a VMI (KubeVirt's virt-launcher-<vmi>-<random>): no container runs, but it
// exists so `kubectl get pods -o wide` shows where each VM runs, with the node's address as its IP.
import { randomBytes } from 'node:crypto';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { Pod } from '../api/core/pod.ts';
import { ApiStatusError, type KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { now, setCondition, updateStatus } from './status.ts';

export const CREATED_BY_LABEL = 'kubevirt.io/created-by';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function suffix(): string {
  return [...randomBytes(5)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

export async function findLauncherPods(client: KubeClient, vmi: VirtualMachineInstance): Promise<Pod[]> {
  const list = await client.list<Pod>(R.pods, vmi.metadata.namespace, { labelSelector: `${CREATED_BY_LABEL}=${vmi.metadata.uid}` });
  return list.items;
}

/** The VMI's launcher Pod, created (bound to this node) when there is none yet. */
export async function ensureLauncherPod(client: KubeClient, vmi: VirtualMachineInstance, nodeName: string): Promise<{ pod: Pod; created: boolean }> {
  const existing = (await findLauncherPods(client, vmi)).find((p) => !p.metadata.deletionTimestamp);
  if (existing) return { pod: existing, created: false };
  const vmiName = vmi.metadata.name ?? '';
  const base = `virt-launcher-${vmiName}`.slice(0, 57).replace(/[-.]+$/, '');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${base}-${suffix()}`,
      namespace: vmi.metadata.namespace,
      labels: { ...(vmi.metadata.labels ?? {}), 'kubevirt.io': 'virt-launcher', [CREATED_BY_LABEL]: vmi.metadata.uid ?? '', 'vm.kubevirt.io/name': vmiName },
      annotations: { 'kubevirt.io/domain': vmiName },
      ownerReferences: [
        { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name: vmiName, uid: vmi.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      nodeName,
      containers: [{ name: 'compute', image: 'vireo/launcher' }],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: vmi.spec?.terminationGracePeriodSeconds ?? 180,
    },
  };
  return { pod: await client.create<Pod>(R.pods, vmi.metadata.namespace, pod), created: true };
}

/** Running (ready) while QEMU runs; Succeeded/Failed once it has exited. */
export async function setLauncherPodPhase(
  client: KubeClient,
  pod: Pod,
  phase: 'Running' | 'Succeeded' | 'Failed',
  address: string,
  message?: string,
): Promise<void> {
  const ready = phase === 'Running';
  await updateStatus<Pod>(client, R.pods, pod.metadata.namespace, pod.metadata.name ?? '', (p) => {
    const st = (p.status ??= {});
    const started = st.startTime ?? now();
    st.phase = phase;
    st.podIP = address;
    st.podIPs = [{ ip: address }];
    st.hostIP = address;
    st.hostIPs = [{ ip: address }];
    st.startTime = started;
    if (message) st.message = message;
    else delete st.message;
    let conds = st.conditions;
    for (const type of ['PodScheduled', 'Initialized']) conds = setCondition(conds, { type, status: 'True', lastProbeTime: null });
    for (const type of ['ContainersReady', 'Ready']) conds = setCondition(conds, { type, status: ready ? 'True' : 'False', lastProbeTime: null });
    st.conditions = conds;
    const state = ready
      ? { running: { startedAt: started } }
      : { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: started, finishedAt: now() } };
    st.containerStatuses = [{ name: 'compute', image: 'vireo/launcher', imageID: '', ready, started: ready, restartCount: 0, state }];
  });
}

export async function deleteLauncherPods(client: KubeClient, vmi: VirtualMachineInstance): Promise<void> {
  for (const pod of await findLauncherPods(client, vmi)) {
    try {
      await client.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
    } catch (e) {
      if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
    }
  }
}
