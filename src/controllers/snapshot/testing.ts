// Fixtures for the snapshot controllers' unit tests: a VM with a containerDisk, a DataVolume from
// a template and a plain claim, and the claims and volumes behind them.
import type { PersistentVolume } from '../../api/core/pv.ts';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import type { VirtualMachine } from '../../api/kubevirt/index.ts';
import type { VirtualMachineSnapshot } from '../../api/snapshot/index.ts';
import { PROVISIONED_BY_ANNOTATION, PROVISIONER_LOCAL, PROVISIONER_SHARED, SELECTED_NODE_ANNOTATION } from '../storage/protocol.ts';
import type { Claim } from './content-build.ts';

export const SNAP_UID = '11111111-2222-3333-4444-555555555555';
export const CONTENT_UID = '66666666-7777-8888-9999-000000000000';

export function testVm(): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'vm1', namespace: 'ns', uid: 'vm-uid', labels: { app: 'x' }, managedFields: [{ manager: 'kubectl' }] },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: 'vm1-data' }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } } }],
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'root' }, { name: 'data' }, { name: 'scratch' }] } },
          volumes: [
            { name: 'root', containerDisk: { image: 'img' } },
            { name: 'data', dataVolume: { name: 'vm1-data' } },
            { name: 'scratch', persistentVolumeClaim: { claimName: 'scratch-pvc' } },
          ],
        },
      },
    },
  };
}

export function testSnapshot(extra: Partial<VirtualMachineSnapshot['spec']> = {}): VirtualMachineSnapshot {
  return {
    apiVersion: 'snapshot.kubevirt.io/v1beta1',
    kind: 'VirtualMachineSnapshot',
    metadata: { name: 'snap1', namespace: 'ns', uid: SNAP_UID, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'vm1' }, ...extra },
  };
}

function claim(name: string, provisioner: string, node?: string): { pvc: PersistentVolumeClaim; pv: PersistentVolume } {
  return {
    pvc: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'ns', uid: `${name}-uid`, annotations: { 'vireo.io/populate-request': '{"kind":"blank"}', 'pv.kubernetes.io/bind-completed': 'yes', ...(node ? { [SELECTED_NODE_ANNOTATION]: node } : {}) }, labels: { l: 'v' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: provisioner === PROVISIONER_LOCAL ? 'local' : 'shared', volumeName: `pv-${name}` },
      status: { phase: 'Bound' },
    },
    pv: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pv-${name}`, annotations: { [PROVISIONED_BY_ANNOTATION]: provisioner } },
      spec: {
        ...(provisioner === PROVISIONER_LOCAL
          ? { local: { path: `/v/pv-${name}` }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] }] }] } } }
          : { hostPath: { path: `/s/pv-${name}` } }),
      },
    },
  };
}

export function testClaims(): Claim[] {
  return [
    { volumeName: 'data', ...claim('vm1-data', PROVISIONER_LOCAL) },
    { volumeName: 'scratch', ...claim('scratch-pvc', PROVISIONER_SHARED, 'node-b') },
  ];
}
