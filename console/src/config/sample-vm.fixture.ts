// A stopped VM as the API stores it, with one of each thing the Configuration tab shows: a
// containerDisk root, a blank DataVolume disk, a PVC, cloud-init, a pod NIC and a bridged one.
import type { ConfigVm } from './vm-view.ts';

export function sampleVm(): ConfigVm {
  return structuredClone({
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'vm1', namespace: 'demo', resourceVersion: '42', labels: { app: 'web', 'kubevirt.io/os': 'linux' }, annotations: { description: 'a test VM' } },
    spec: {
      runStrategy: 'Halted',
      dataVolumeTemplates: [
        {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: { name: 'vm1-data' },
          spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '2Gi' } } } },
        },
      ],
      template: {
        metadata: { labels: { 'kubevirt.io/domain': 'vm1' } },
        spec: {
          domain: {
            cpu: { cores: 1, sockets: 2, threads: 1 },
            memory: { guest: '256Mi' },
            resources: { requests: { memory: '256Mi' } },
            devices: {
              disks: [
                { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 },
                { name: 'data', disk: { bus: 'sata' } },
                { name: 'shared', cdrom: { bus: 'scsi' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [
                { name: 'default', model: 'virtio', masquerade: {} },
                { name: 'lan', model: 'e1000e', bridge: {}, macAddress: '02:00:00:00:00:01' },
              ],
            },
          },
          networks: [
            { name: 'default', pod: {} },
            { name: 'lan', multus: { networkName: 'br-lan' } },
          ],
          volumes: [
            { name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } },
            { name: 'data', dataVolume: { name: 'vm1-data' } },
            { name: 'shared', persistentVolumeClaim: { claimName: 'iso' } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nuser: fedora\npassword: abcd\nchpasswd: { expire: False }\n' } },
          ],
        },
      },
    },
  } satisfies ConfigVm);
}
