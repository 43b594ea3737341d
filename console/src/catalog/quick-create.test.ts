import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processTemplate } from '../../../src/api/template/process.ts';
import type { Template as ServerTemplate } from '../../../src/api/template/template.ts';
import { ApiClient, ApiRequestError } from '../api/client.ts';
import type { Template } from '../api/types.ts';
import { template } from './common-templates.fixture.ts';
import { collectionPath, objectsToCreate, quickCreate, withParameterValues } from './quick-create.ts';
import type { TemplateVm } from './template-vm.ts';

const tiny = template('vireo-tiny-server-tiny');
const KUBEVIRT = { resources: [{ name: 'virtualmachines', kind: 'VirtualMachine', namespaced: true }, { name: 'virtualmachines/status', kind: 'VirtualMachine', namespaced: true }] };

test('the body to process: NAME set, the rest of the parameters untouched, in the project', () => {
  const body = withParameterValues(tiny, { NAME: 'lab1' }, 'vmexamples');
  assert.equal(body.metadata.namespace, 'vmexamples');
  assert.equal(body.parameters?.find((p) => p.name === 'NAME')?.value, 'lab1');
  assert.deepEqual(body.parameters?.find((p) => p.name === 'DATA_SOURCE_NAME'), tiny.parameters?.find((p) => p.name === 'DATA_SOURCE_NAME'));
  assert.equal(tiny.parameters?.find((p) => p.name === 'NAME')?.value, undefined, 'the template itself is not changed');
});

test('objects to create: in the project, started (runStrategy Always) or halted', () => {
  const processed = { metadata: { name: 'x' }, objects: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'lab1' }, spec: { running: false, runStrategy: 'Halted' } }] } as Template;
  const [started] = objectsToCreate(processed, 'vmexamples', true) as TemplateVm[];
  assert.deepEqual([started.metadata?.namespace, started.spec?.runStrategy, 'running' in (started.spec ?? {})], ['vmexamples', 'Always', false]);
  const [halted] = objectsToCreate(processed, 'vmexamples', false) as TemplateVm[];
  assert.equal(halted.spec?.runStrategy, 'Halted');
  assert.equal((processed.objects?.[0].spec as { running?: boolean }).running, false, 'the processed template is not changed');
});

test('collection paths from discovery; an unknown kind is an error', () => {
  assert.equal(collectionPath(KUBEVIRT, { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'a' } }, 'ns 1'), '/apis/kubevirt.io/v1/namespaces/ns%201/virtualmachines');
  const core = { resources: [{ name: 'namespaces', kind: 'Namespace', namespaced: false }] };
  assert.equal(collectionPath(core, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, 'x'), '/api/v1/namespaces');
  assert.throws(() => collectionPath(core, { apiVersion: 'v1', kind: 'Widget', metadata: { name: 'a' } }, 'x'), /does not serve Widget in v1/);
});

/** A fake API: processes like the server does, answers discovery, stores VMs (409 on a second). */
function fakeApi(seen: { method: string; url: string; body?: unknown }[]): typeof fetch {
  const stored = new Set<string>();
  return async (url, init) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    seen.push({ method, url: String(url), body });
    if (String(url).endsWith('/processedtemplates')) {
      const out = processTemplate(body as ServerTemplate);
      return Response.json('template' in out ? out.template : { kind: 'Status', message: 'invalid' }, { status: 'template' in out ? 201 : 422 });
    }
    if (method === 'GET' && String(url) === '/apis/kubevirt.io/v1') return Response.json(KUBEVIRT);
    const name = (body?.metadata as { name: string }).name;
    if (stored.has(name)) return Response.json({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409, message: `virtualmachines.kubevirt.io "${name}" already exists` }, { status: 409 });
    stored.add(name);
    return Response.json(body, { status: 201 });
  };
}

test('Quick create processes in the project, creates the started VM and resolves with it', async () => {
  const seen: { method: string; url: string; body?: unknown }[] = [];
  const client = new ApiClient('tok', '', fakeApi(seen));
  const vm = await quickCreate(client, { template: tiny, name: 'lab1', namespace: 'vmexamples', start: true });
  assert.deepEqual([vm.kind, vm.metadata.name, vm.metadata.namespace], ['VirtualMachine', 'lab1', 'vmexamples']);
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    ['POST /apis/template.openshift.io/v1/namespaces/vmexamples/processedtemplates', 'GET /apis/kubevirt.io/v1', 'POST /apis/kubevirt.io/v1/namespaces/vmexamples/virtualmachines'],
  );
  const created = seen[2].body as TemplateVm & { spec: { dataVolumeTemplates: { spec: { sourceRef: unknown } }[] } };
  assert.equal(created.spec.runStrategy, 'Always');
  assert.deepEqual(created.spec.dataVolumeTemplates[0].spec.sourceRef, { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' }, 'the boot disk clones the DataSource');

  // The same name again: the API's message comes back, not swallowed.
  await assert.rejects(quickCreate(client, { template: tiny, name: 'lab1', namespace: 'vmexamples', start: true }), (e: unknown) => {
    assert.ok(e instanceof ApiRequestError);
    assert.equal(e.message, 'virtualmachines.kubevirt.io "lab1" already exists');
    return true;
  });
});
