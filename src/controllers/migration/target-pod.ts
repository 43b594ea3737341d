// The target launcher Pod of a migration (KubeVirt creates a second virt-launcher pod on the target
// node): the same labels as the VMI's pod plus the migration's uid, bound to the target node. It is
// Pending until the target agent's guest takes over, then Running; the source pod is deleted then.
import { randomBytes } from 'node:crypto';
import type { Pod } from '../../api/core/pod.ts';
import type { VirtualMachineInstance } from '../../api/kubevirt/types.ts';
import type { KubeClient } from '../../client/client.ts';
import { R } from '../../client/resources.ts';
import { MIGRATION_JOB_LABEL, TARGET_NODE_LABEL } from './protocol.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export async function ensureTargetPod(client: KubeClient, vmi: VirtualMachineInstance, migrationUid: string, node: string): Promise<Pod> {
  const ns = vmi.metadata.namespace;
  const existing = await client.list<Pod>(R.pods, ns, { labelSelector: `${MIGRATION_JOB_LABEL}=${migrationUid}` });
  const live = existing.items.find((p) => !p.metadata.deletionTimestamp);
  if (live) return live;
  const name = vmi.metadata.name ?? '';
  const base = `virt-launcher-${name}`.slice(0, 57).replace(/[-.]+$/, '');
  const labels = { ...(vmi.metadata.labels ?? {}) };
  delete labels[TARGET_NODE_LABEL];
  const suffix = [...randomBytes(5)].map((b) => ALNUM[b % ALNUM.length]).join('');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${base}-${suffix}`,
      namespace: ns,
      labels: {
        ...labels,
        'kubevirt.io': 'virt-launcher',
        'kubevirt.io/created-by': vmi.metadata.uid ?? '',
        'vm.kubevirt.io/name': name,
        [MIGRATION_JOB_LABEL]: migrationUid,
      },
      annotations: { 'kubevirt.io/domain': name, 'kubevirt.io/migrationTarget': 'true' },
      ownerReferences: [
        { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name, uid: vmi.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      nodeName: node,
      containers: [{ name: 'compute', image: 'vireo/launcher' }],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: vmi.spec?.terminationGracePeriodSeconds ?? 180,
    },
  };
  return client.create<Pod>(R.pods, ns, pod);
}
