// k8s.cni.cncf.io/v1 NetworkAttachmentDefinition: a secondary network (bridge, VLAN) that VM
// interfaces join through `networks[].multus.networkName`.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { objectSchema, type KubeObject } from '../../machinery/object.ts';
import { cniConfigProblem } from './cni-config.ts';

const NetworkAttachmentDefinitionSpecSchema = Type.Object(
  {
    config: Type.Optional(
      Type.String({ description: 'The CNI plugin configuration as a JSON string, with cniVersion and type (or plugins).' }),
    ),
  },
  { additionalProperties: false },
);

export const NetworkAttachmentDefinitionSchema = objectSchema({
  spec: NetworkAttachmentDefinitionSpecSchema,
  description: 'NetworkAttachmentDefinition is a CRD schema specified by the Network Plumbing Working Group to express the intent for attaching pods to one or more logical or physical networks.',
});

export type NetworkAttachmentDefinition = KubeObject & { spec?: Static<typeof NetworkAttachmentDefinitionSpecSchema> };

export const networkAttachmentDefinitionKind = defineKind<NetworkAttachmentDefinition>({
  group: 'k8s.cni.cncf.io',
  version: 'v1',
  kind: 'NetworkAttachmentDefinition',
  plural: 'network-attachment-definitions',
  singular: 'network-attachment-definition',
  shortNames: ['net-attach-def'],
  namespaced: true,
  schema: NetworkAttachmentDefinitionSchema,
  hasStatus: false,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  validate(nad) {
    const errs: FieldError[] = [];
    const config = nad.spec?.config;
    if (config === undefined || config.trim() === '') {
      // Multus would look for a file on each node; Vireo keeps the configuration in the API only.
      errs.push({ field: 'spec.config', message: 'Required value: Vireo needs the CNI configuration inline', reason: 'FieldValueRequired' });
    } else {
      const problem = cniConfigProblem(config);
      if (problem) errs.push({ field: 'spec.config', message: problem, reason: 'FieldValueInvalid' });
    }
    return errs;
  },
});
