// API machinery semantics as a client sees them: optimistic concurrency, generation, /status,
// finalizers, watch resume and expiry, selectors, pagination, garbage collection, namespaces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { ApiStatusError, resourcePath, type KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let c: KubeClient;
before(async () => {
  tcp = await startControlPlane();
  c = tcp.client;
  await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sem' } });
});
after(async () => {
  await tcp.stop();
});

const cm = (name: string, data: Record<string, string> = { a: '1' }, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data,
});

const vm = (name: string): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name },
  spec: {
    runStrategy: 'Halted',
    template: { spec: { domain: { devices: {}, resources: { requests: { memory: '64Mi' } } } } },
  },
});

const code = (n: number, reason?: string) => (e: unknown) => e instanceof ApiStatusError && e.code === n && (!reason || e.reason === reason);

test('a stale resourceVersion is refused with 409 Conflict; a fresh one succeeds', async () => {
  const a = await c.create(R.configmaps, 'sem', cm('occ'));
  const b = await c.update(R.configmaps, { ...a, data: { a: '2' } });
  assert.notEqual(b.metadata.resourceVersion, a.metadata.resourceVersion);
  await assert.rejects(c.update(R.configmaps, { ...a, data: { a: '3' } }), code(409, 'Conflict'));
  const got = await c.get<KubeObject & { data: Record<string, string> }>(R.configmaps, 'sem', 'occ');
  assert.equal(got.data.a, '2');
});

test('generation rises on spec changes only; status writes change only status', async () => {
  const v = await c.create(R.vms, 'sem', vm('gen'));
  assert.equal(v.metadata.generation, 1);
  const labelled = await c.mergePatch(R.vms, 'sem', 'gen', { metadata: { labels: { x: 'y' } } });
  assert.equal(labelled.metadata.generation, 1);
  const changed = await c.mergePatch(R.vms, 'sem', 'gen', { spec: { runStrategy: 'Manual' } });
  assert.equal(changed.metadata.generation, 2);
  // A status write cannot change the spec, and a main-resource write cannot change status.
  const st = await c.updateStatus(R.vms, { ...changed, spec: { ...(changed.spec as object), runStrategy: 'Always' }, status: { printableStatus: 'Stopped' } });
  assert.equal((st.spec as { runStrategy: string }).runStrategy, 'Manual');
  assert.equal((st.status as { printableStatus: string }).printableStatus, 'Stopped');
  const main = await c.update(R.vms, { ...st, status: { printableStatus: 'Running' } });
  assert.equal((main.status as { printableStatus: string }).printableStatus, 'Stopped');
  assert.equal(main.metadata.generation, 2);
});

test('an invalid object is refused with a Status naming each field and nothing is stored', async () => {
  const bad = vm('bad');
  (bad.spec as Record<string, unknown>).running = true;
  const t = (bad.spec as { template: { spec: { domain: { resources: Record<string, unknown> } } } }).template.spec.domain.resources;
  t.limits = { memory: '100Mi' };
  const err = await c.create(R.vms, 'sem', bad).catch((e: unknown) => e);
  assert.ok(err instanceof ApiStatusError);
  assert.equal(err.code, 422);
  const fields = (err.status.details?.causes ?? []).map((x) => x.field).sort();
  assert.deepEqual(fields, ['spec.running', 'spec.template.spec.domain.resources.limits.memory']);
  await assert.rejects(c.get(R.vms, 'sem', 'bad'), code(404, 'NotFound'));
});

test('finalizers hold deletion until removed', async () => {
  await c.create(R.configmaps, 'sem', cm('fin', { a: '1' }, { finalizers: ['example.com/hold'] }));
  const d = await c.delete<KubeObject>(R.configmaps, 'sem', 'fin');
  assert.ok(d.metadata.deletionTimestamp);
  const still = await c.get(R.configmaps, 'sem', 'fin');
  assert.ok(still.metadata.deletionTimestamp);
  await c.mergePatch(R.configmaps, 'sem', 'fin', { metadata: { finalizers: null } });
  await assert.rejects(c.get(R.configmaps, 'sem', 'fin'), code(404));
});

test('watch: initial ADDED from 0, resume after a revision, selector transitions, DELETED', async () => {
  const ac = new AbortController();
  const events: string[] = [];
  const path = resourcePath(R.configmaps, 'sem');
  const a = await c.create(R.configmaps, 'sem', cm('w1', { a: '1' }, { labels: { team: 'a' } }));
  const run = (async () => {
    for await (const ev of c.watch(path, a.metadata.resourceVersion!, { signal: ac.signal, query: { labelSelector: 'team=a' } })) {
      if (ev.type !== 'BOOKMARK') events.push(`${ev.type}:${ev.object.metadata.name}`);
    }
  })();
  await c.mergePatch(R.configmaps, 'sem', 'w1', { data: { a: '2' } });
  await c.mergePatch(R.configmaps, 'sem', 'w1', { metadata: { labels: { team: 'b' } } });
  await c.mergePatch(R.configmaps, 'sem', 'w1', { metadata: { labels: { team: 'a' } } });
  await c.delete(R.configmaps, 'sem', 'w1');
  await waitFor('four events', 10_000, async () => (events.length >= 4 ? true : undefined));
  ac.abort();
  await run;
  assert.deepEqual(events, ['MODIFIED:w1', 'DELETED:w1', 'ADDED:w1', 'DELETED:w1']);
});

test('watch from a compacted revision gets a 410 Expired ERROR event', async () => {
  const x = await c.create(R.configmaps, 'sem', cm('old'));
  await c.mergePatch(R.configmaps, 'sem', 'old', { data: { a: '9' } });
  const rev = await tcp.cp.store.revision();
  await tcp.cp.store.compact(rev);
  const events: { type: string; object: { code?: number; reason?: string } }[] = [];
  for await (const ev of c.watch(resourcePath(R.configmaps, 'sem'), String(Number(x.metadata.resourceVersion) - 1))) {
    events.push(ev as unknown as { type: string; object: { code?: number; reason?: string } });
  }
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'ERROR');
  assert.equal(events[0].object.code, 410);
  assert.equal(events[0].object.reason, 'Expired');
});

test('list pagination with limit/continue returns every object once', async () => {
  for (let i = 0; i < 7; i++) await c.create(R.configmaps, 'sem', cm(`page-${i}`, { i: String(i) }, { labels: { paged: 'yes' } }));
  const names: string[] = [];
  let cont: string | undefined;
  let pages = 0;
  do {
    const l = await c.list(R.configmaps, 'sem', { limit: 3, continue: cont, labelSelector: 'paged=yes' });
    names.push(...l.items.map((o) => o.metadata.name!));
    cont = l.metadata.continue;
    pages++;
  } while (cont);
  assert.deepEqual(names, [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
  assert.ok(pages >= 3);
});

test('a table (what kubectl get prints) comes whole, without managedFields; a list keeps its pages', async () => {
  const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
  type Table = { kind: string; metadata: { continue?: string }; rows: { cells: unknown[]; object: { metadata: KubeObject['metadata'] } }[] };
  const t = await c.request<Table>('GET', resourcePath(R.configmaps, 'sem'), { accept: TABLE, query: { limit: 3, labelSelector: 'paged=yes' } });
  assert.equal(t.kind, 'Table');
  assert.deepEqual(t.rows.map((r) => r.cells[0]), [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
  assert.equal(t.metadata.continue, undefined);
  assert.equal(t.rows[0]!.object.metadata.name, 'page-0');
  assert.equal(t.rows[0]!.object.metadata.managedFields, undefined);
  assert.ok((await c.get(R.configmaps, 'sem', 'page-0')).metadata.managedFields?.length);
  const firstPage = await c.list(R.configmaps, 'sem', { limit: 3, labelSelector: 'paged=yes' });
  assert.equal(firstPage.items.length, 3);
  // A continue token from a paged list still pages a table.
  const next = await c.request<Table>('GET', resourcePath(R.configmaps, 'sem'), { accept: TABLE, query: { limit: 3, labelSelector: 'paged=yes', continue: firstPage.metadata.continue } });
  assert.deepEqual(next.rows.map((r) => r.cells[0]), ['page-3', 'page-4', 'page-5']);
});

test('garbage collection: background deletes dependents, orphan keeps them', async () => {
  const owner = await c.create(R.configmaps, 'sem', cm('owner-bg'));
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-bg', uid: owner.metadata.uid! };
  await c.create(R.configmaps, 'sem', cm('dep-bg', {}, { ownerReferences: [ref] }));
  await c.delete(R.configmaps, 'sem', 'owner-bg');
  await waitFor('dependent deleted', 10_000, async () => ((await c.tryGet(R.configmaps, 'sem', 'dep-bg')) ? undefined : true));

  const owner2 = await c.create(R.configmaps, 'sem', cm('owner-or'));
  await c.create(R.configmaps, 'sem', cm('dep-or', {}, { ownerReferences: [{ ...ref, name: 'owner-or', uid: owner2.metadata.uid! }] }));
  await c.delete(R.configmaps, 'sem', 'owner-or', { propagationPolicy: 'Orphan' });
  await waitFor('owner gone', 10_000, async () => ((await c.tryGet(R.configmaps, 'sem', 'owner-or')) ? undefined : true));
  const dep = await c.get(R.configmaps, 'sem', 'dep-or');
  assert.equal(dep.metadata.ownerReferences, undefined);
});

test('foreground deletion removes blocking dependents before the owner', async () => {
  const owner = await c.create(R.configmaps, 'sem', cm('owner-fg'));
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-fg', uid: owner.metadata.uid!, blockOwnerDeletion: true };
  await c.create(R.configmaps, 'sem', cm('dep-fg', {}, { ownerReferences: [ref] }));
  const d = await c.delete<KubeObject>(R.configmaps, 'sem', 'owner-fg', { propagationPolicy: 'Foreground' });
  assert.ok(d.metadata.finalizers?.includes('foregroundDeletion'));
  await waitFor('owner gone', 10_000, async () => ((await c.tryGet(R.configmaps, 'sem', 'owner-fg')) ? undefined : true));
  assert.equal(await c.tryGet(R.configmaps, 'sem', 'dep-fg'), undefined);
});

test('deleting a namespace deletes what is inside, then the namespace; new content is refused meanwhile', async () => {
  await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
  await c.create(R.configmaps, 'doomed', cm('inside', {}, { finalizers: ['example.com/slow'] }));
  await c.create(R.vms, 'doomed', vm('vm-inside'));
  await c.delete(R.namespaces, undefined, 'doomed');
  const ns = await c.get<KubeObject & { status: { phase: string } }>(R.namespaces, undefined, 'doomed');
  assert.equal(ns.status.phase, 'Terminating');
  await assert.rejects(c.create(R.configmaps, 'doomed', cm('late')), code(403, 'Forbidden'));
  await waitFor('vm deleted', 10_000, async () => ((await c.tryGet(R.vms, 'doomed', 'vm-inside')) ? undefined : true));
  await c.mergePatch(R.configmaps, 'doomed', 'inside', { metadata: { finalizers: null } });
  await waitFor('namespace gone', 10_000, async () => ((await c.tryGet(R.namespaces, undefined, 'doomed')) ? undefined : true));
  await assert.rejects(c.create(R.configmaps, 'nowhere', cm('x')), code(404, 'NotFound'));
});

test('a restart on the same data dir keeps every object and revision', async () => {
  const before = await c.get(R.configmaps, 'sem', 'occ');
  const dataDir = tcp.dataDir;
  await tcp.cp.stop();
  tcp.client.close();
  const again = await startControlPlane({ dataDir });
  try {
    const after = await again.client.get(R.configmaps, 'sem', 'occ');
    assert.equal(after.metadata.uid, before.metadata.uid);
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    const ns = await again.client.list(R.namespaces);
    assert.ok(ns.items.some((n) => n.metadata.name === 'vireo-system'));
  } finally {
    // Hand the restarted plane to the suite's `after` so it is stopped once.
    tcp = { ...again, stop: again.stop };
  }
});
