// Label selectors and node selector terms, as PVC.spec.selector and PV.spec.nodeAffinity use them.
import { Type } from '@sinclair/typebox';
import { stringEnum } from './enum.ts';

export const LabelSelectorSchema = Type.Object(
  {
    matchLabels: Type.Optional(Type.Record(Type.String(), Type.String())),
    matchExpressions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String(),
            operator: stringEnum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
            values: Type.Optional(Type.Array(Type.String())),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false, description: 'A label query over a set of resources.' },
);

const NodeSelectorRequirementSchema = Type.Object(
  {
    key: Type.String(),
    operator: stringEnum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
    values: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const NodeSelectorSchema = Type.Object(
  {
    nodeSelectorTerms: Type.Array(
      Type.Object(
        {
          matchExpressions: Type.Optional(Type.Array(NodeSelectorRequirementSchema)),
          matchFields: Type.Optional(Type.Array(NodeSelectorRequirementSchema)),
        },
        { additionalProperties: false },
      ),
      { description: 'ORed terms; a node matches when any term matches.' },
    ),
  },
  { additionalProperties: false },
);

export const VolumeModeSchema = stringEnum(['Filesystem', 'Block'], { description: 'Filesystem (default) or Block (a raw device).' });
