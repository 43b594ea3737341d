import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import { tapName } from '../bridge-taps.ts';
import { stableMac } from '../network.ts';
import { agentCounters, nicSources } from './nic-sources.ts';

describe('nicSources', () => {
  it('counts the implicit pod NIC through the guest agent, by its stable MAC', () => {
    const vmi = { metadata: { uid: 'u1', name: 'a', namespace: 'ns' }, spec: { domain: { devices: {} } } } as VirtualMachineInstance;
    assert.deepEqual(nicSources(vmi, 'n1'), [{ iface: 'default', kind: 'guest-agent', mac: stableMac('u1', 'default') }]);
  });

  it('counts bridge-bound Multus NICs on their tap, pod NICs by their given MAC', () => {
    const vmi = {
      metadata: { uid: 'u2', name: 'b', namespace: 'ns' },
      spec: {
        domain: { devices: { interfaces: [{ name: 'pod', masquerade: {}, macAddress: '52:54:00:AA:BB:CC' }, { name: 'lan', bridge: {} }] } },
        networks: [{ name: 'pod', pod: {} }, { name: 'lan', multus: { networkName: 'br' } }],
      },
    } as unknown as VirtualMachineInstance;
    assert.deepEqual(nicSources(vmi, 'n1'), [
      { iface: 'pod', kind: 'guest-agent', mac: '52:54:00:aa:bb:cc' },
      { iface: 'lan', kind: 'tap', tap: tapName('n1', 'u2', 'lan') },
    ]);
  });
});

describe('agentCounters', () => {
  const ifaces = [
    { name: 'lo', 'hardware-address': '00:00:00:00:00:00', statistics: { 'rx-bytes': 9, 'tx-bytes': 9 } },
    { name: 'eth0', 'hardware-address': '52:54:00:AA:BB:CC', statistics: { 'rx-bytes': 1000, 'tx-bytes': 200 } },
    { name: 'eth1', 'hardware-address': '52:54:00:00:00:01' },
  ];
  it('finds the statistics of the NIC with that MAC', () => {
    assert.deepEqual(agentCounters(ifaces, '52:54:00:aa:bb:cc'), { rxBytes: 1000, txBytes: 200 });
  });
  it('has none for an agent without statistics, or no agent', () => {
    assert.equal(agentCounters(ifaces, '52:54:00:00:00:01'), undefined);
    assert.equal(agentCounters(undefined, '52:54:00:aa:bb:cc'), undefined);
  });
});
