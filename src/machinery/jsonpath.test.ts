import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonPathError, evalJsonPath, formatColumnValue } from './jsonpath.ts';

const vmi = {
  metadata: { name: 'vm1', labels: { 'kubevirt.io/domain': 'vm1', app: 'web' }, generation: 3 },
  spec: { running: true, domain: { cpu: { cores: 2 } } },
  status: {
    printableStatus: 'Running',
    phase: 'Running',
    ready: false,
    nothing: null,
    conditions: [
      { type: 'Paused', status: 'False', observedGeneration: 2 },
      { type: 'Ready', status: 'True', observedGeneration: 3, details: { nested: { ok: true } } },
      { status: 'Unknown' },
    ],
    interfaces: [
      { name: 'default', ipAddress: '10.0.0.5', ipAddresses: ['10.0.0.5', 'fd00::5'] },
      { name: 'secondary', ipAddress: '192.168.1.7' },
    ],
  },
};

const cell = (path: string) => formatColumnValue(evalJsonPath(vmi, path));

test('printer-column paths used by Vireo kinds', () => {
  assert.deepEqual(evalJsonPath(vmi, '.status.printableStatus'), ['Running']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.type=="Ready")].status'), ['True']);
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[0].ipAddress'), ['10.0.0.5']);
  assert.deepEqual(evalJsonPath(vmi, ".metadata.labels['kubevirt.io/domain']"), ['vm1']);
  assert.deepEqual(evalJsonPath(vmi, '.metadata.labels["kubevirt.io/domain"]'), ['vm1']);
});

test('braces, $, missing leading dot and whitespace are accepted', () => {
  assert.deepEqual(evalJsonPath(vmi, '{.status.phase}'), ['Running']);
  assert.deepEqual(evalJsonPath(vmi, '{ $.status.phase }'), ['Running']);
  assert.deepEqual(evalJsonPath(vmi, 'status.phase'), ['Running']);
  assert.deepEqual(evalJsonPath(vmi, '{.}'), [vmi]);
});

test('indexes, slices and wildcards', () => {
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[-1].name'), ['secondary']);
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[5].name'), []);
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[*].ipAddress'), ['10.0.0.5', '192.168.1.7']);
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[0].ipAddresses[0:1]'), ['10.0.0.5']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[1:].type'), ['Ready']);
  assert.deepEqual(evalJsonPath(vmi, '.metadata.labels.*'), ['vm1', 'web']);
  assert.deepEqual(evalJsonPath(vmi, '.spec..cores'), [2]);
});

test('filters: ==, !=, ordering, bool/number literals, nested paths and existence', () => {
  assert.deepEqual(evalJsonPath(vmi, ".status.conditions[?(@.type != 'Ready')].status"), ['False']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.observedGeneration == 3)].type'), ['Ready']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.observedGeneration < 3)].type'), ['Paused']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.details.nested.ok == true)].type'), ['Ready']);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.type)].type'), ['Paused', 'Ready']);
  assert.deepEqual(evalJsonPath(vmi, '.status.interfaces[?(@.name=="secondary")].ipAddress'), ['192.168.1.7']);
  // A string literal never equals a number.
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.observedGeneration == "3")].type'), []);
  // Filtering a map yields nothing, as in client-go.
  assert.deepEqual(evalJsonPath(vmi, '.status[?(@.phase=="Running")]'), []);
});

test('missing keys give no match, not an error', () => {
  assert.deepEqual(evalJsonPath(vmi, '.status.nope'), []);
  assert.deepEqual(evalJsonPath(vmi, '.status.conditions[?(@.type=="Degraded")].status'), []);
  assert.deepEqual(evalJsonPath(vmi, '.status.phase.deeper'), []);
  assert.deepEqual(evalJsonPath(undefined, '.status.phase'), []);
  assert.deepEqual(evalJsonPath(vmi, '.metadata.constructor'), []);
});

test('syntax errors throw JsonPathError', () => {
  for (const p of ['{.status', '.status[', '.status[abc]', '.a[?(@.b ~ 1)]', '.a[?(b == 1)]', '.a[?(@.b == foo)]', ".a['x", '.a[0:1:0]']) {
    assert.throws(() => evalJsonPath(vmi, p), JsonPathError, p);
  }
});

test('formatColumnValue renders the first match; missing and null are empty', () => {
  assert.equal(cell('.status.printableStatus'), 'Running');
  assert.equal(cell('.status.missing'), '');
  assert.equal(cell('.status.nothing'), '');
  assert.equal(cell('.status.ready'), 'false');
  assert.equal(cell('.metadata.generation'), '3');
  assert.equal(cell('.status.interfaces[*].name'), 'default');
  assert.equal(cell('.spec.domain'), '{"cpu":{"cores":2}}');
  assert.equal(cell('.status.interfaces[0].ipAddresses'), '["10.0.0.5","fd00::5"]');
});
