import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, brief, schemaErrors, yamlObject } from '../core/testing.ts';
import { networkAttachmentDefinitionKind as nadKind, type NetworkAttachmentDefinition } from './network-attachment-definition.ts';

// Seed 004 §6.13.6.1, pxe-net-conf (callout numbers removed).
const PXE_NET_CONF = `
apiVersion: "k8s.cni.cncf.io/v1"
kind: NetworkAttachmentDefinition
metadata:
  name: pxe-net-conf
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "name": "pxe-net-conf",
      "type": "bridge",
      "bridge": "bridge-interface",
      "macspoofchk": false,
      "vlan": 100,
      "disableContainerInterface": true,
      "preserveDefaultVlan": false
    }
`;

function withConfig(config: string): NetworkAttachmentDefinition {
  const nad = yamlObject<NetworkAttachmentDefinition>(PXE_NET_CONF);
  nad.spec = { config };
  return nad;
}

test('seed pxe-net-conf is valid', async () => {
  const nad = yamlObject<NetworkAttachmentDefinition>(PXE_NET_CONF);
  assert.deepEqual(schemaErrors(nadKind.schema, nad), []);
  assert.deepEqual(await admit(nadKind, nad), []);
});

test('a plugin list is valid', async () => {
  assert.deepEqual(await admit(nadKind, withConfig('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"},{"type":"tuning"}]}')), []);
});

test('config must be JSON with cniVersion and type or plugins', async () => {
  const cases: [string, string][] = [
    ['{"cniVersion": "0.3.1", "type": "bridge",}', 'invalid CNI configuration: not valid JSON ('],
    ['["bridge"]', 'invalid CNI configuration: must be a JSON object'],
    ['{"type": "bridge"}', 'invalid CNI configuration: "cniVersion" is required (e.g. "0.3.1")'],
    ['{"cniVersion": "0.3.1", "name": "x"}', 'invalid CNI configuration: needs "type" (a single plugin, e.g. "bridge") or "plugins" (a list)'],
    ['{"cniVersion": "0.3.1", "plugins": [{"name": "x"}]}', 'invalid CNI configuration: plugins[0] needs a "type"'],
  ];
  for (const [config, message] of cases) {
    const errs = await admit(nadKind, withConfig(config));
    assert.equal(errs.length, 1, config);
    assert.equal(errs[0].field, 'spec.config');
    assert.ok(errs[0].message.startsWith(message), `${config}: ${errs[0].message}`);
  }
  const empty = yamlObject<NetworkAttachmentDefinition>(PXE_NET_CONF);
  delete empty.spec;
  assert.deepEqual(brief(await admit(nadKind, empty)), [{ field: 'spec.config', message: 'Required value: Vireo needs the CNI configuration inline' }]);
});
