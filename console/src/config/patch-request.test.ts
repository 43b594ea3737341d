import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiRequestError } from '../api/client.ts';
import { checkFresh, isStale, sendJsonPatch, StaleFormError } from './patch-request.ts';

function fakeFetch(status: number, body: string, seen: RequestInit[] = []): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(body, { status });
  }) as typeof fetch;
}

test('sends a json-patch+json PATCH with the token and returns the stored object', async () => {
  const seen: RequestInit[] = [];
  const out = await sendJsonPatch<{ ok: boolean }>('tok', '/apis/kubevirt.io/v1/namespaces/d/virtualmachines/vm1', [{ op: 'remove', path: '/a' }], fakeFetch(200, '{"ok":true}', seen));
  assert.deepEqual(out, { ok: true });
  assert.equal(seen[0]!.method, 'PATCH');
  assert.deepEqual(seen[0]!.headers, { Authorization: 'Bearer tok', Accept: 'application/json', 'Content-Type': 'application/json-patch+json' });
  assert.equal(seen[0]!.body, '[{"op":"remove","path":"/a"}]');
});

test('a refusal carries the Status message and causes; a stale resourceVersion (409) is told apart', async () => {
  const status = {
    kind: 'Status',
    code: 409,
    reason: 'Conflict',
    message: 'Operation cannot be fulfilled on virtualmachines.kubevirt.io "vm1": the object has been modified; please apply your changes to the latest version and try again',
  };
  const err = await sendJsonPatch('t', '/x', [], fakeFetch(409, JSON.stringify(status))).catch((e: unknown) => e);
  assert.ok(err instanceof ApiRequestError);
  assert.match(err.message, /the object has been modified/);
  assert.equal(isStale(err), true);
  const invalid = new ApiRequestError(422, 'VirtualMachine "vm1" is invalid', 'Invalid', [{ field: 'spec.template.spec.domain.memory.guest', message: 'too small' }]);
  assert.equal(isStale(invalid), false);
  assert.equal(isStale(new ApiRequestError(409, 'conflict')), true);
});

test('a form filled from an older spec generation is stale; status-only changes are not', () => {
  assert.doesNotThrow(() => checkFresh(3, 3));
  assert.doesNotThrow(() => checkFresh(undefined, 4));
  assert.doesNotThrow(() => checkFresh(3, undefined));
  assert.throws(() => checkFresh(3, 4), (e: unknown) => e instanceof StaleFormError && isStale(e) && /generation 3 → 4/.test(e.message));
});
