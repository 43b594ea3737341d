import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AssumedBindings } from './assumed.ts';
import { vmi } from './testing.ts';

test('a binding shows through the stale cache until the watch delivers it', () => {
  const a = new AssumedBindings();
  const stale = vmi('v');
  const bound = vmi('v', { nodeName: 'n1', phase: 'Scheduled' });
  const other = vmi('w');
  a.bound(bound);
  assert.deepEqual(a.overlay([stale, other]).map((v) => v.status?.nodeName), ['n1', undefined]);
  a.observed('update', stale); // an older event, from before the binding
  assert.equal(a.current(stale).status?.nodeName, 'n1');
  a.observed('update', bound);
  assert.equal(a.current(stale), stale, 'forgotten once the cache has it');
});

test('a deleted VMI is forgotten', () => {
  const a = new AssumedBindings();
  a.bound(vmi('v', { nodeName: 'n1' }));
  a.observed('delete', vmi('v'));
  assert.equal(a.current(vmi('v')).status?.nodeName, undefined);
});
