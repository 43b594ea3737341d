// The demo VM `vireo up` starts: the tiny guest (Debian kernel + busybox, built at set-up) as the
// containerDisk `vireo.local/tiny:latest` in the namespace `demo`. Created once; later runs leave
// whatever the user made of it.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';

export const DEMO_NAMESPACE = 'demo';
export const DEMO_VM = 'demo';
export const DEMO_IMAGE = 'vireo.local/tiny:latest';

/** Copies the built guest disk into the node's image store; false when no guest was built. */
export function stageDemoImage(guestDir: string, imageDir: string): boolean {
  const src = join(guestDir, 'disk.qcow2');
  if (!existsSync(src)) return false;
  const dir = join(imageDir, 'vireo.local/tiny/latest');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'disk.qcow2'))) copyFileSync(src, join(dir, 'disk.qcow2'));
  return true;
}

export async function ensureDemoVm(client: KubeClient): Promise<void> {
  if (!(await client.tryGet(R.namespaces, undefined, DEMO_NAMESPACE))) {
    await client.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEMO_NAMESPACE } });
  }
  if (await client.tryGet(R.vms, DEMO_NAMESPACE, DEMO_VM)) return;
  await client.create(R.vms, DEMO_NAMESPACE, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: DEMO_VM, labels: { app: 'demo', 'vm.openshift.io/folder': 'demo' } },
    spec: {
      runStrategy: 'Always',
      template: {
        metadata: { labels: { 'kubevirt.io/domain': DEMO_VM } },
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
            resources: { requests: { memory: '128Mi' } },
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [
            { name: 'rootdisk', containerDisk: { image: DEMO_IMAGE } },
            { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nhostname: demo\n' } },
          ],
        },
      },
    },
  });
}
