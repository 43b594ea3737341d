import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuMismatch, effectiveCPUModel } from './cpu-model.ts';
import { REASON } from './reasons.ts';
import { node, vmi } from './testing.ts';

const epyc = node('epyc', { labels: { 'cpu-model.node.kubevirt.io/EPYC': 'true', 'cpu-feature.node.kubevirt.io/apic': 'true', 'host-model-cpu.node.kubevirt.io/EPYC': 'true' } });
const conroe = node('conroe', { labels: { 'cpu-model.node.kubevirt.io/Conroe': 'true' } });
const withCpu = (cpu: object) => vmi('v', { spec: { domain: { devices: {}, cpu } } });

test('a named model needs the node\'s model label; host-model and host-passthrough fit anywhere', () => {
  assert.equal(cpuMismatch(withCpu({ model: 'Conroe' }), conroe, undefined), undefined);
  assert.equal(cpuMismatch(withCpu({ model: 'Conroe' }), epyc, undefined), REASON.cpuModel);
  assert.equal(cpuMismatch(withCpu({ model: 'conroe' }), conroe, undefined), REASON.cpuModel, 'model names are case-sensitive');
  assert.equal(cpuMismatch(withCpu({ model: 'host-model' }), conroe, 'EPYC'), undefined);
  assert.equal(cpuMismatch(withCpu({ model: 'host-passthrough' }), conroe, undefined), undefined);
});

test('with no model on the VMI, the cluster defaultCPUModel applies; without one, host-model', () => {
  assert.equal(effectiveCPUModel(vmi('v'), undefined), 'host-model');
  assert.equal(effectiveCPUModel(vmi('v'), 'EPYC'), 'EPYC');
  assert.equal(effectiveCPUModel(withCpu({ model: 'Conroe' }), 'EPYC'), 'Conroe', "the VM's own model wins");
  assert.equal(cpuMismatch(vmi('v'), conroe, 'EPYC'), REASON.cpuModel);
  assert.equal(cpuMismatch(vmi('v'), epyc, 'EPYC'), undefined);
  assert.equal(cpuMismatch(vmi('v'), conroe, undefined), undefined);
});

test('feature policies: require (default) and forbid check the node; force, optional and disable do not', () => {
  const f = (name: string, policy?: string) => withCpu({ features: [{ name, ...(policy ? { policy } : {}) }] });
  assert.equal(cpuMismatch(f('apic'), epyc, undefined), undefined);
  assert.equal(cpuMismatch(f('apic'), conroe, undefined), REASON.cpuFeatures);
  assert.equal(cpuMismatch(f('apic', 'require'), conroe, undefined), REASON.cpuFeatures);
  for (const p of ['force', 'optional', 'disable']) {
    assert.equal(cpuMismatch(f('apic', p), conroe, undefined), undefined, p);
    assert.equal(cpuMismatch(f('apic', p), epyc, undefined), undefined, p);
  }
  assert.equal(cpuMismatch(f('apic', 'forbid'), epyc, undefined), REASON.cpuForbidden);
  assert.equal(cpuMismatch(f('apic', 'forbid'), conroe, undefined), undefined);
});
