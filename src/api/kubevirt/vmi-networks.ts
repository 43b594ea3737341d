// networks: what each interface connects to (kubevirt.io/v1 Network): the pod network or a Multus one.
import { Type, type Static } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;

export const NetworkSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the network; the interface of the same name connects to it.' }),
    pod: Type.Optional(
      Type.Object(
        {
          vmNetworkCIDR: Type.Optional(Type.String({ description: 'Guest-side CIDR for masquerade (default 10.0.2.0/24).' })),
          vmIPv6NetworkCIDR: Type.Optional(Type.String()),
        },
        { ...strict, description: 'The cluster\'s default pod network; at most one per VM.' },
      ),
    ),
    multus: Type.Optional(
      Type.Object(
        {
          networkName: Type.String({ description: 'NetworkAttachmentDefinition name, as <name> or <namespace>/<name>.' }),
          default: Type.Optional(Type.Boolean({ description: 'Use this network instead of the pod network as the default.' })),
        },
        { ...strict, description: 'A secondary network through Multus.' },
      ),
    ),
  },
  strict,
);
export type Network = Static<typeof NetworkSchema>;
