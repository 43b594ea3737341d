// The example VirtualMachine the "With YAML" page starts from: Vireo's tiny containerDisk guest (the
// demo VM of `vireo up`), halted like OpenShift's example so creating it costs nothing until Start.
import { stringify } from 'yaml';
import type { KubeObject } from '../api/types.ts';

export const EXAMPLE_IMAGE = 'vireo.local/tiny:latest';

/** `example-` and five lowercase letters or digits, as OpenShift names its example VMs uniquely. */
export function exampleName(random: () => number = Math.random): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += chars[Math.floor(random() * chars.length)];
  return `example-${s}`;
}

export function exampleVm(namespace: string, name: string): KubeObject & { spec: Record<string, unknown> } {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      runStrategy: 'Halted',
      template: {
        metadata: { labels: { 'kubevirt.io/domain': name } },
        spec: {
          domain: {
            cpu: { cores: 1 },
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'virtio' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [{ name: 'default', masquerade: {} }],
              rng: {},
            },
            resources: { requests: { memory: '128Mi' }, limits: { memory: '256Mi' } },
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [
            { name: 'rootdisk', containerDisk: { image: EXAMPLE_IMAGE } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { userData: `#cloud-config\nhostname: ${name}\n` } },
          ],
        },
      },
    },
  };
}

export const exampleVmYaml = (namespace: string, name: string): string => stringify(exampleVm(namespace, name));
