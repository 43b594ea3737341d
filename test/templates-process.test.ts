// Template processing: the expression generator, ${NAME} / ${{NAME}} substitution, required
// parameters, and the processedtemplates endpoint that `oc process` posts to.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateFromExpression, parseExpression } from '../src/api/template/expression.ts';
import { processTemplate, type Template } from '../src/api/template/index.ts';
import { ApiStatusError } from '../src/client/client.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';

const tmpl = (over: Partial<Template> = {}): Template => ({
  apiVersion: 'template.openshift.io/v1',
  kind: 'Template',
  metadata: { name: 't', namespace: 'default' },
  objects: [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: '${NAME}' },
      data: { greeting: 'hello ${NAME}, pass ${PASSWORD}', raw: '${{COUNT}}', keep: '${UNKNOWN}' },
      count: '${{COUNT}}',
      flag: '${{ENABLED}}',
    },
  ],
  parameters: [
    { name: 'NAME', required: true },
    { name: 'PASSWORD', generate: 'expression', from: '[a-zA-Z0-9]{8}' },
    { name: 'COUNT', value: '3' },
    { name: 'ENABLED', value: 'true' },
  ],
  labels: { app: '${NAME}' },
  message: 'made ${NAME}',
  ...over,
});

describe('expression generator', () => {
  test('character classes with counts, ranges, escapes and literal text', () => {
    for (let i = 0; i < 20; i++) {
      assert.match(generateFromExpression('[a-z0-9]{16}'), /^[a-z0-9]{16}$/);
      assert.match(generateFromExpression('[a-zA-Z0-9]{8}'), /^[a-zA-Z0-9]{8}$/);
      assert.match(generateFromExpression('fedora-[a-z0-9]{16}'), /^fedora-[a-z0-9]{16}$/);
      assert.match(generateFromExpression('\\d{4}-\\A{2}'), /^[0-9]{4}-[a-zA-Z]{2}$/);
    }
    // Random: two 16-character values practically never collide.
    assert.notEqual(generateFromExpression('[a-z0-9]{16}'), generateFromExpression('[a-z0-9]{16}'));
  });

  test('bad expressions are explained', () => {
    assert.match(String(parseExpression('[a-z')), /unterminated/);
    assert.match(String(parseExpression('\\q')), /unknown escape/);
    assert.match(String(parseExpression('[z-a]')), /invalid range/);
    assert.throws(() => generateFromExpression(''), /expression is required/);
  });
});

describe('processTemplate', () => {
  test('substitutes ${NAME} in every string and ${{NAME}} as a JSON value, fills generated values', () => {
    const out = processTemplate(tmpl(), { NAME: 'web' });
    assert.ok('template' in out);
    const obj = out.template.objects![0] as Record<string, Record<string, unknown>>;
    assert.equal(obj.metadata.name, 'web');
    const pw = out.template.parameters!.find((p) => p.name === 'PASSWORD')!.value!;
    assert.match(pw, /^[a-zA-Z0-9]{8}$/);
    assert.equal(obj.data.greeting, `hello web, pass ${pw}`);
    assert.equal(obj.count, 3);
    assert.equal(obj.flag, true);
    assert.equal(obj.data.keep, '${UNKNOWN}');
    assert.deepEqual(obj.metadata.labels, { app: 'web' });
    assert.equal(out.template.message, 'made web');
  });

  test('a given value wins over generation; a required one without value is named', () => {
    const given = processTemplate(tmpl(), { NAME: 'a', PASSWORD: 'secret' });
    assert.ok('template' in given);
    assert.equal(given.template.parameters!.find((p) => p.name === 'PASSWORD')!.value, 'secret');
    const missing = processTemplate(tmpl());
    assert.ok('errors' in missing);
    assert.equal(missing.errors.length, 1);
    assert.match(missing.errors[0].message, /parameter NAME is required/);
  });
});

describe('processedtemplates through the API', () => {
  let tcp: TestControlPlane;
  before(async () => {
    tcp = await startControlPlane();
  });
  after(async () => {
    await tcp.stop();
  });
  const post = (body: unknown) => tcp.client.request<Template>('POST', '/apis/template.openshift.io/v1/namespaces/default/processedtemplates', { body });

  test('returns the processed template, stores nothing', async () => {
    const t = tmpl();
    t.parameters![0].value = 'api';
    const out = await post(t);
    assert.equal(out.kind, 'Template');
    assert.equal((out.objects![0] as { metadata: { name: string } }).metadata.name, 'api');
    const stored = await tcp.client.tryGet({ group: 'template.openshift.io', version: 'v1', plural: 'templates', namespaced: true }, 'default', 't');
    assert.equal(stored, undefined);
  });

  test('a required parameter without a value is a 422 naming it', async () => {
    const e = await post(tmpl()).catch((x: unknown) => x);
    assert.ok(e instanceof ApiStatusError);
    assert.equal(e.code, 422);
    assert.match(e.message, /parameter NAME is required/);
  });

  test('a bad generator is a 422; a non-Template body a 400; GET is not allowed', async () => {
    const bad = tmpl();
    bad.parameters![1].from = '[a-z';
    const e = await post(bad).catch((x: unknown) => x);
    assert.ok(e instanceof ApiStatusError && e.code === 422, String(e));
    assert.match(e.message, /parameters\[1\]\.from/);
    const e2 = await post({ kind: 'ConfigMap' }).catch((x: unknown) => x);
    assert.ok(e2 instanceof ApiStatusError && e2.code === 400);
    const e3 = await tcp.client.request('GET', '/apis/template.openshift.io/v1/namespaces/default/processedtemplates').catch((x: unknown) => x);
    assert.ok(e3 instanceof ApiStatusError && e3.code === 405);
  });

  test('discovery lists templates and processedtemplates', async () => {
    const list = await tcp.client.request<{ resources: { name: string; verbs: string[] }[] }>('GET', '/apis/template.openshift.io/v1');
    assert.deepEqual(list.resources.find((r) => r.name === 'processedtemplates')?.verbs, ['create']);
    assert.ok(list.resources.some((r) => r.name === 'templates'));
  });
});
