import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApplyConflictError, recordUpdate, serverSideApply, type ManagedFieldsEntry } from './apply.ts';

type Obj = Record<string, unknown>;
const T1 = '2025-01-01T00:00:00Z';
const T2 = '2025-01-02T00:00:00Z';
const AV = 'kubevirt.io/v1';
const ssa = (live: Obj | undefined, applied: Obj, manager = 'kubectl', force = false, now = T1) =>
  serverSideApply(live, applied, { manager, force, apiVersion: AV, now });
const mf = (o: Obj) => (o.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [];
const entry = (o: Obj, manager: string) => mf(o).find((e) => e.manager === manager);
// What the apiserver adds on create; apply must carry it over and never own it.
const stored = (o: Obj): Obj => ({
  ...o,
  metadata: { ...(o.metadata as Obj), uid: 'u1', resourceVersion: '7', generation: 1, creationTimestamp: T1 },
  status: { printableStatus: 'Running' },
});

const vmConfig = (): Obj => ({
  apiVersion: AV,
  kind: 'VirtualMachine',
  metadata: { name: 'vm1', namespace: 'default', labels: { app: 'web' } },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }] } },
        volumes: [{ name: 'rootdisk', containerDisk: { image: 'fedora' } }],
      },
    },
  },
});

test('SSA create: object as applied, managedFields in Kubernetes FieldsV1 format', () => {
  const out = ssa(undefined, vmConfig());
  const { managedFields, ...meta } = out.metadata as Obj;
  assert.deepEqual({ ...out, metadata: meta }, vmConfig());
  assert.deepEqual(managedFields, [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: AV,
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:runStrategy': {},
          'f:template': {
            'f:spec': {
              'f:domain': {
                'f:devices': {
                  'f:disks': { 'k:{"name":"rootdisk"}': { '.': {}, 'f:disk': { 'f:bus': {} }, 'f:name': {} } },
                },
              },
              'f:volumes': {
                'k:{"name":"rootdisk"}': { '.': {}, 'f:containerDisk': { 'f:image': {} }, 'f:name': {} },
              },
            },
          },
        },
      },
    },
  ]);
});

test('SSA re-apply: a field no longer applied is removed; server fields and status survive', () => {
  const live = stored(ssa(undefined, vmConfig()));
  const next = vmConfig();
  delete (next.metadata as Obj).labels;
  (next.spec as Obj).runStrategy = 'Halted';
  const out = ssa(live, next, 'kubectl', false, T2);
  const meta = out.metadata as Obj;
  assert.equal(meta.labels, undefined, 'label removed and the emptied labels map pruned');
  assert.equal((out.spec as Obj).runStrategy, 'Halted');
  assert.equal(meta.uid, 'u1');
  assert.equal(meta.resourceVersion, '7');
  assert.deepEqual(out.status, { printableStatus: 'Running' });
  const e = entry(out, 'kubectl')!;
  assert.equal(e.time, T2);
  assert.equal(e.fieldsV1['f:metadata'], undefined);
  assert.equal(mf(out).length, 1);
});

test('SSA: applied server-maintained fields and status are not owned', () => {
  const cfg = vmConfig();
  (cfg.metadata as Obj).resourceVersion = '5';
  cfg.status = { printableStatus: 'Fake' };
  const out = ssa(stored(ssa(undefined, vmConfig())), cfg);
  assert.deepEqual(Object.keys(entry(out, 'kubectl')!.fieldsV1).sort(), ['f:metadata', 'f:spec']);
  assert.deepEqual(out.status, { printableStatus: 'Running' }, 'status comes from the live object');
  assert.equal((out.metadata as Obj).resourceVersion, '7');
});

test('SSA conflict with an Update manager; force moves ownership', () => {
  const live = stored(ssa(undefined, vmConfig()));
  // kubectl client-side apply changes runStrategy with a merge patch.
  const patched = structuredClone(live);
  (patched.spec as Obj).runStrategy = 'Manual';
  recordUpdate(live, patched, { manager: 'kubectl-client-side-apply', apiVersion: AV, now: T2 });
  assert.deepEqual(entry(patched, 'kubectl-client-side-apply')!.fieldsV1, { 'f:spec': { 'f:runStrategy': {} } });
  assert.equal((entry(patched, 'kubectl')!.fieldsV1['f:spec'] as Obj)['f:runStrategy'], undefined, 'the writer took it over');

  const cfg = vmConfig();
  (cfg.spec as Obj).runStrategy = 'Halted';
  assert.throws(
    () => ssa(patched, cfg),
    (e: unknown) =>
      e instanceof ApplyConflictError &&
      e.message === 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using kubevirt.io/v1: .spec.runStrategy' &&
      e.conflicts.length === 1 &&
      e.conflicts[0]!.manager === 'kubectl-client-side-apply' &&
      e.conflicts[0]!.field === '.spec.runStrategy',
  );
  // Applying the value the other manager set is not a conflict: both own it.
  const shared = vmConfig();
  (shared.spec as Obj).runStrategy = 'Manual';
  const both = ssa(patched, shared);
  assert.ok(entry(both, 'kubectl-client-side-apply'));
  assert.deepEqual((entry(both, 'kubectl')!.fieldsV1['f:spec'] as Obj)['f:runStrategy'], {});

  const forced = ssa(patched, cfg, 'kubectl', true);
  assert.equal((forced.spec as Obj).runStrategy, 'Halted');
  assert.equal(entry(forced, 'kubectl-client-side-apply'), undefined, 'emptied entry dropped');
  assert.deepEqual((entry(forced, 'kubectl')!.fieldsV1['f:spec'] as Obj)['f:runStrategy'], {});
});

test('SSA conflict between two appliers lists every field, grouped by manager', () => {
  const live = stored(ssa(undefined, vmConfig(), 'alice'));
  const cfg = vmConfig();
  (cfg.spec as Obj).runStrategy = 'Halted';
  (cfg.metadata as Obj).labels = { app: 'db' };
  assert.throws(
    () => ssa(live, cfg, 'bob'),
    (e: unknown) =>
      e instanceof ApplyConflictError &&
      e.message === 'Apply failed with 2 conflicts: conflicts with "alice":\n- .metadata.labels.app\n- .spec.runStrategy',
  );
});

test('SSA associative list: items merge by name, each manager keeps its own items', () => {
  const live = stored(ssa(undefined, vmConfig(), 'alice'));
  const bob: Obj = {
    apiVersion: AV,
    kind: 'VirtualMachine',
    metadata: { name: 'vm1', namespace: 'default' },
    spec: {
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'data', disk: { bus: 'scsi' } }, { name: 'rootdisk', bootOrder: 1 }] } },
        },
      },
    },
  };
  const withBob = ssa(live, bob, 'bob');
  const disks = () => (withBob.spec as { template: { spec: { domain: { devices: { disks: Obj[] } } } } }).template.spec.domain.devices.disks;
  assert.deepEqual(disks(), [
    { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
    { name: 'data', disk: { bus: 'scsi' } },
  ]);
  assert.equal((withBob.spec as Obj).runStrategy, 'Always', "alice's fields untouched");
  const bobDisks = (((((entry(withBob, 'bob')!.fieldsV1['f:spec'] as Obj)['f:template'] as Obj)['f:spec'] as Obj)['f:domain'] as Obj)['f:devices'] as Obj)['f:disks'];
  assert.deepEqual(bobDisks, {
    'k:{"name":"data"}': { '.': {}, 'f:disk': { 'f:bus': {} }, 'f:name': {} },
    'k:{"name":"rootdisk"}': { '.': {}, 'f:bootOrder': {}, 'f:name': {} },
  });

  // Bob stops applying his disks: his item goes, the shared rootdisk stays (alice owns it) minus bootOrder.
  const bob2 = structuredClone(bob);
  ((bob2.spec as Obj).template as { spec: { domain: { devices: { disks: Obj[] } } } }).spec.domain.devices.disks = [
    { name: 'rootdisk' },
  ];
  const after = ssa(stored(withBob), bob2, 'bob');
  assert.deepEqual((after.spec as typeof withBob.spec & { template: { spec: { domain: { devices: { disks: Obj[] } } } } }).template.spec.domain.devices.disks, [
    { name: 'rootdisk', disk: { bus: 'virtio' } },
  ]);
});

test('SSA: atomic lists replace; changing one another manager owns is a conflict', () => {
  const base = vmConfig();
  (base.spec as Obj).args = ['a', 'b'];
  const live = stored(ssa(undefined, base, 'alice'));
  const cfg = vmConfig();
  (cfg.spec as Obj).args = ['c'];
  assert.throws(() => ssa(live, cfg, 'bob'), /conflict with "alice": \.spec\.args/);
  assert.deepEqual((ssa(live, cfg, 'alice').spec as Obj).args, ['c']);
});

test('SSA on an object without managedFields: existing fields belong to before-first-apply', () => {
  const live = stored(vmConfig());
  const cfg = vmConfig();
  (cfg.spec as Obj).runStrategy = 'Halted';
  assert.throws(() => ssa(live, cfg), /conflict with "before-first-apply" using kubevirt\.io\/v1: \.spec\.runStrategy/);
  const same = ssa(live, vmConfig());
  assert.deepEqual(mf(same).map((e) => [e.manager, e.operation]), [['before-first-apply', 'Update'], ['kubectl', 'Apply']]);
});

test('recordUpdate: create owns everything with "." on list items; status is ignored', () => {
  const obj = stored(vmConfig());
  recordUpdate(undefined, obj, { manager: 'kubectl-create', apiVersion: AV, now: T1 });
  const e = mf(obj)[0]!;
  assert.deepEqual({ ...e, fieldsV1: undefined }, {
    manager: 'kubectl-create', operation: 'Update', apiVersion: AV, time: T1, fieldsType: 'FieldsV1', fieldsV1: undefined,
  });
  assert.deepEqual(e.fieldsV1['f:metadata'], { 'f:labels': { 'f:app': {} } });
  assert.equal(e.fieldsV1['f:status'], undefined);
  const spec = JSON.stringify(e.fieldsV1['f:spec']);
  assert.ok(spec.includes('"k:{\\"name\\":\\"rootdisk\\"}":{".":{},"f:disk":{"f:bus":{}},"f:name":{}}'), spec);
});

test('recordUpdate: status subresource tracks only status; removals leave every entry; no-op writes add nothing', () => {
  const obj = stored(vmConfig());
  recordUpdate(undefined, obj, { manager: 'creator', apiVersion: AV, now: T1 });
  const withStatus = structuredClone(obj);
  withStatus.status = { printableStatus: 'Stopped', ready: false };
  recordUpdate(obj, withStatus, { manager: 'virt-controller', apiVersion: AV, now: T2, subresource: 'status' });
  const ctl = entry(withStatus, 'virt-controller')!;
  assert.equal(ctl.subresource, 'status');
  assert.deepEqual(ctl.fieldsV1, { 'f:status': { 'f:printableStatus': {}, 'f:ready': {} } });

  const noop = structuredClone(withStatus);
  recordUpdate(withStatus, noop, { manager: 'someone', apiVersion: AV, now: T2 });
  assert.equal(entry(noop, 'someone'), undefined);
  assert.deepEqual(mf(noop), mf(withStatus));

  const dropped = structuredClone(withStatus);
  delete (dropped.metadata as Obj).labels;
  (dropped.metadata as Obj).managedFields = []; // a client that strips managedFields keeps the stored ones
  recordUpdate(withStatus, dropped, { manager: 'editor', apiVersion: AV, now: T2 });
  assert.equal(entry(dropped, 'creator')!.fieldsV1['f:metadata'], undefined);
  assert.equal(entry(dropped, 'editor'), undefined, 'a pure removal gives the writer nothing to own');
  assert.ok(entry(dropped, 'virt-controller'));
});

test('SSA: a non-object apply body is refused', () => {
  assert.throws(() => serverSideApply(undefined, [] as unknown as Obj, { manager: 'm', force: false, apiVersion: AV, now: T1 }), /must be a single YAML or JSON object/);
});
