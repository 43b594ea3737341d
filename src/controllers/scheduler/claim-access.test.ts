import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim } from '../../api/core/pvc.ts';
import { chooseTarget } from '../migration/target-node.ts';
import { claimAccessModes, exclusivity, vmiClaims } from './claim-access.ts';
import { filterNodes } from './filter.ts';
import { unschedulableMessage } from './message.ts';
import { node, vmi } from './testing.ts';

const reasonsOf = (verdicts: { node: string; reasons: string[] }[]) => Object.fromEntries(verdicts.map((v) => [v.node, v.reasons]));

function pvc(name: string, spec: string[], status?: string[], ns = 'default'): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: ns }, spec: { accessModes: spec as never }, ...(status ? { status: { accessModes: status as never } } : {}) };
}

const usesClaim = (name: string, claim: string, o: { nodeName?: string; phase?: string; ns?: string; via?: 'pvc' | 'dv' } = {}) =>
  vmi(name, {
    ns: o.ns,
    nodeName: o.nodeName,
    phase: o.phase,
    spec: { volumes: [{ name: 'root', ...(o.via === 'dv' ? { dataVolume: { name: claim } } : { persistentVolumeClaim: { claimName: claim } }) }] },
  });

const modes = claimAccessModes([pvc('rwo', ['ReadWriteOnce']), pvc('rwx', ['ReadWriteMany']), pvc('rwop', ['ReadWriteOncePod']), pvc('both', ['ReadWriteOnce', 'ReadWriteMany'])]);
const nodes = [node('n1'), node('n2'), node('n3')];

test('a ReadWriteOnce claim in use on n1 keeps the VMI off every other node, naming claim, VMI and node', () => {
  const holder = usesClaim('a', 'rwo', { nodeName: 'n1', phase: 'Running' });
  const verdicts = filterNodes(usesClaim('b', 'rwo', { via: 'dv' }), nodes, [], [holder], { claimAccessModes: modes });
  const why = `node(s) can't use ReadWriteOnce PersistentVolumeClaim "rwo": VMI a uses it on node n1`;
  assert.deepEqual(reasonsOf(verdicts), { n1: [], n2: [why], n3: [why] });
  // Constrained away from n1, it cannot go anywhere, and says so as kube-scheduler would.
  const onlyElsewhere = filterNodes(usesClaim('b', 'rwo'), nodes.slice(1), [], [holder], { claimAccessModes: modes });
  assert.equal(unschedulableMessage(onlyElsewhere), `0/2 nodes are available: 2 ${why}.`);
});

test('a Scheduled VMI holds its claim too; pending, finished or other-namespace VMIs do not', () => {
  const scheduled = usesClaim('a', 'rwo', { nodeName: 'n1', phase: 'Scheduled' });
  assert.notDeepEqual(reasonsOf(filterNodes(usesClaim('b', 'rwo'), nodes, [], [scheduled], { claimAccessModes: modes })).n2, []);
  const others = [usesClaim('pending', 'rwo', { phase: 'Pending' }), usesClaim('done', 'rwo', { nodeName: 'n1', phase: 'Succeeded' }), usesClaim('elsewhere', 'rwo', { nodeName: 'n1', phase: 'Running', ns: 'other' })];
  assert.deepEqual(reasonsOf(filterNodes(usesClaim('b', 'rwo'), nodes, [], others, { claimAccessModes: modes })), { n1: [], n2: [], n3: [] });
});

test('ReadWriteMany claims (also RWO+RWX) and claims of unknown modes are never restricted', () => {
  for (const claim of ['rwx', 'both', 'no-such-claim']) {
    const holder = usesClaim('a', claim, { nodeName: 'n1', phase: 'Running' });
    assert.deepEqual(reasonsOf(filterNodes(usesClaim('b', claim), nodes, [], [holder], { claimAccessModes: modes })), { n1: [], n2: [], n3: [] }, claim);
  }
});

test('a ReadWriteOncePod claim is one VMI only, even on the same node', () => {
  const holder = usesClaim('a', 'rwop', { nodeName: 'n1', phase: 'Running' });
  const why = `node(s) can't use ReadWriteOncePod PersistentVolumeClaim "rwop": VMI a uses it on node n1`;
  assert.deepEqual(reasonsOf(filterNodes(usesClaim('b', 'rwop'), nodes, [], [holder], { claimAccessModes: modes })), { n1: [why], n2: [why], n3: [why] });
});

test('the VMI itself never blocks: a migrating VMI may go to another node with its RWO claim', () => {
  const migrating = usesClaim('a', 'rwo', { nodeName: 'n1', phase: 'Running' });
  assert.deepEqual(chooseTarget(migrating, undefined, nodes, [], [migrating], { claimAccessModes: modes }), { node: 'n2' });
  // …but not away from another VMI sharing that claim on n1.
  const sharer = usesClaim('c', 'rwo', { nodeName: 'n1', phase: 'Running' });
  const choice = chooseTarget(migrating, undefined, nodes, [], [migrating, sharer], { claimAccessModes: modes });
  assert.deepEqual(choice, { error: `0/2 nodes are available: 2 node(s) can't use ReadWriteOnce PersistentVolumeClaim "rwo": VMI c uses it on node n1.` });
});

test('claims come from persistentVolumeClaim, dataVolume and ephemeral volumes; modes from the bound volume first', () => {
  const v = vmi('v', {
    spec: {
      volumes: [
        { name: 'a', persistentVolumeClaim: { claimName: 'x' } },
        { name: 'b', dataVolume: { name: 'y' } },
        { name: 'c', ephemeral: { persistentVolumeClaim: { claimName: 'z' } } },
        { name: 'd', containerDisk: { image: 'i' } },
      ],
    },
  });
  assert.deepEqual(vmiClaims(v), ['x', 'y', 'z']);
  assert.deepEqual(claimAccessModes([pvc('p', ['ReadWriteOnce'], ['ReadWriteMany'])]).get('default/p'), ['ReadWriteMany']);
  assert.equal(exclusivity(['ReadOnlyMany']), undefined);
  assert.equal(exclusivity([]), undefined);
});
