// @kubernetes/client-node against a started control plane: CustomObjectsApi CRUD and an informer
// that sees creates, updates and deletes as they happen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

let tcp: TestControlPlane;
let kc: k8s.KubeConfig;
before(async () => {
  tcp = await startControlPlane();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(tcp.kubeconfig);
});
after(async () => {
  await tcp.stop();
});

const G = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespace: 'default' };
const vm = (name: string) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, labels: { app: 'demo' } },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '128Mi' } } },
        volumes: [{ name: 'root', containerDisk: { image: 'example/tiny' } }],
      },
    },
  },
});

interface Obj {
  metadata: { name: string; uid: string; resourceVersion: string; generation: number };
  spec: { runStrategy: string };
}

test('CustomObjectsApi creates, reads, lists, patches and deletes a VirtualMachine', async () => {
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const created = (await api.createNamespacedCustomObject({ ...G, body: vm('cn-1') })) as Obj;
  assert.equal(created.metadata.name, 'cn-1');
  assert.equal(created.metadata.generation, 1);
  const got = (await api.getNamespacedCustomObject({ ...G, name: 'cn-1' })) as Obj;
  // The same object; the VM controller may already have written it (finalizer, status) since.
  assert.equal(got.metadata.uid, created.metadata.uid);
  assert.ok(Number(got.metadata.resourceVersion) >= Number(created.metadata.resourceVersion), `${got.metadata.resourceVersion} >= ${created.metadata.resourceVersion}`);
  const list = (await api.listNamespacedCustomObject({ ...G, labelSelector: 'app=demo' })) as { items: Obj[] };
  assert.deepEqual(list.items.map((i) => i.metadata.name), ['cn-1']);
  // client-node sends a JSON patch by default.
  const patched = (await api.patchNamespacedCustomObject({ ...G, name: 'cn-1', body: [{ op: 'replace', path: '/spec/runStrategy', value: 'Manual' }] })) as Obj;
  assert.equal(patched.spec.runStrategy, 'Manual');
  assert.equal(patched.metadata.generation, 2);
  await assert.rejects(api.createNamespacedCustomObject({ ...G, body: vm('cn-1') }), (e: unknown) => (e as { code?: number }).code === 409);
  await api.deleteNamespacedCustomObject({ ...G, name: 'cn-1' });
  // The VM controller's finalizer holds the VM (Terminating) until its VMI is gone, as in KubeVirt.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const gone = await api.getNamespacedCustomObject({ ...G, name: 'cn-1' }).then(
      () => false,
      (e: unknown) => (e as { code?: number }).code === 404,
    );
    if (gone) break;
    assert.ok(Date.now() < deadline, 'VM still present 10 s after delete');
    await new Promise((r) => setTimeout(r, 50));
  }
});

test('an informer sees add, update and delete', async () => {
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  const path = '/apis/kubevirt.io/v1/namespaces/default/virtualmachines';
  const informer = k8s.makeInformer<k8s.KubernetesObject>(kc, path, () =>
    api.listNamespacedCustomObject(G) as Promise<k8s.KubernetesListObject<k8s.KubernetesObject>>,
  );
  const seen: string[] = [];
  const waitFor = (what: string) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`informer never saw ${what}; saw ${seen.join(', ')}`)), 10_000);
      const check = () => {
        if (seen.includes(what)) {
          clearTimeout(t);
          resolve();
        } else setTimeout(check, 20);
      };
      check();
    });
  informer.on('add', (o) => seen.push(`add:${o.metadata?.name}`));
  informer.on('update', (o) => seen.push(`update:${o.metadata?.name}`));
  informer.on('delete', (o) => seen.push(`delete:${o.metadata?.name}`));
  // Other writers (the VM controller's finalizer and status) also produce updates: wait for ours.
  informer.on('update', (o) => {
    if (o.metadata?.labels?.x === 'y') seen.push('labelled:inf-1');
  });
  await informer.start();
  await api.createNamespacedCustomObject({ ...G, body: vm('inf-1') });
  await waitFor('add:inf-1');
  await api.patchNamespacedCustomObject({ ...G, name: 'inf-1', body: [{ op: 'add', path: '/metadata/labels/x', value: 'y' }] });
  await waitFor('labelled:inf-1');
  assert.equal(informer.get('inf-1', 'default')?.metadata?.labels?.x, 'y');
  await api.deleteNamespacedCustomObject({ ...G, name: 'inf-1' });
  await waitFor('delete:inf-1');
  await informer.stop();
});
