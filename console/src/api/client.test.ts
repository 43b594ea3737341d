import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiClient, ApiRequestError } from './client.ts';

function fakeFetch(status: number, body: string, seen: { url?: string; init?: RequestInit }[] = []): typeof fetch {
  return async (url, init) => {
    seen.push({ url: String(url), init });
    return new Response(body || null, { status });
  };
}

test('requests carry the bearer token; actions PUT a JSON body', async () => {
  const seen: { url?: string; init?: RequestInit }[] = [];
  await new ApiClient('tok123', '', fakeFetch(202, '', seen)).put('/apis/subresources.kubevirt.io/v1/namespaces/a/virtualmachines/b/start');
  const h = seen[0].init?.headers as Record<string, string>;
  assert.equal(h.Authorization, 'Bearer tok123');
  assert.equal(seen[0].init?.method, 'PUT');
  assert.equal(seen[0].init?.body, '{}');
});

test('a failed action rejects with the Status message, not a bare code', async () => {
  const body = JSON.stringify({ kind: 'Status', status: 'Failure', message: 'Operation cannot be fulfilled: VM is not running', reason: 'Conflict', code: 409 });
  await assert.rejects(new ApiClient('t', '', fakeFetch(409, body)).put('/x'), (e: unknown) => {
    assert.ok(e instanceof ApiRequestError);
    assert.equal(e.code, 409);
    assert.equal(e.reason, 'Conflict');
    assert.equal(e.message, 'Operation cannot be fulfilled: VM is not running');
    return true;
  });
  await assert.rejects(new ApiClient('t', '', fakeFetch(502, 'bad gateway')).get('/x'), /bad gateway/);
});

test('watch asks for bookmarks from a resourceVersion, keeping an existing query', async () => {
  const seen: { url?: string }[] = [];
  await new ApiClient('t', '', fakeFetch(200, '', seen)).watch('/api/v1/namespaces/d/pods?labelSelector=a%3Db', '42', new AbortController().signal);
  assert.equal(seen[0].url, '/api/v1/namespaces/d/pods?labelSelector=a%3Db&watch=1&allowWatchBookmarks=true&resourceVersion=42');
});

test('an Invalid Status keeps its causes; create POSTs the object', async () => {
  const status = {
    kind: 'Status',
    status: 'Failure',
    reason: 'Invalid',
    code: 422,
    message: 'VirtualMachine "x" is invalid: spec.running: …',
    details: { name: 'x', causes: [{ field: 'spec.running', reason: 'FieldValueInvalid', message: 'spec.running: …' }] },
  };
  const seen: { url?: string; init?: RequestInit }[] = [];
  await assert.rejects(new ApiClient('t', '', fakeFetch(422, JSON.stringify(status), seen)).create('/apis/kubevirt.io/v1/namespaces/d/virtualmachines', { metadata: { name: 'x' } }), (e: unknown) => {
    assert.ok(e instanceof ApiRequestError);
    assert.deepEqual(e.causes, status.details.causes);
    return true;
  });
  assert.equal(seen[0].init?.method, 'POST');
  assert.equal(seen[0].init?.body, '{"metadata":{"name":"x"}}');
  await assert.rejects(new ApiClient('t', '', fakeFetch(409, '{"kind":"Status","message":"exists"}')).put('/x'), (e: unknown) => e instanceof ApiRequestError && e.causes.length === 0);
});

test('delete sends DELETE with the token (cancelling a migration)', async () => {
  const seen: { url?: string; init?: RequestInit }[] = [];
  await new ApiClient('t', '', fakeFetch(200, '{}', seen)).delete('/apis/kubevirt.io/v1/namespaces/d/virtualmachineinstancemigrations/m');
  assert.equal(seen[0].init?.method, 'DELETE');
  assert.equal(seen[0].init?.body, undefined);
  assert.equal((seen[0].init?.headers as Record<string, string>).Authorization, 'Bearer t');
});
