// template.openshift.io/v1 Template, as OpenShift Virtualization ships its VM templates: a list of
// free-form objects with `${PARAM}` placeholders and the parameters that fill them.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { checkParameters } from './parameters.ts';

export const TemplateParameterSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the parameter, used as ${NAME} in objects.' }),
    displayName: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    value: Type.Optional(Type.String({ description: 'Value used when processing (given or generated).' })),
    generate: Type.Optional(Type.String({ description: 'Generator for an empty value: only "expression".' })),
    from: Type.Optional(Type.String({ description: 'Input of the generator, such as [a-z0-9]{16}.' })),
    required: Type.Optional(Type.Boolean({ description: 'Processing fails when the value is empty.' })),
  },
  { additionalProperties: false },
);
export type TemplateParameter = Static<typeof TemplateParameterSchema>;

export const TemplateSchema = objectSchema({
  description: 'Template holds objects and the parameters that fill them when the template is processed.',
  extra: {
    objects: Type.Optional(Type.Array(FreeFormSchema, { description: 'Objects the template creates.' })),
    parameters: Type.Optional(Type.Array(TemplateParameterSchema)),
    labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Labels added to every object.' })),
    message: Type.Optional(Type.String({ description: 'Shown after processing; may use parameters.' })),
  },
});

export type Template = KubeObject & {
  objects?: Record<string, unknown>[];
  parameters?: TemplateParameter[];
  labels?: Record<string, string>;
  message?: string;
};

/** As `oc get templates` prints it: "4 (2 generated)", "3 (1 blank)" or "2 (all set)". */
function parameterSummary(ps: TemplateParameter[]): string {
  const blank = ps.filter((p) => !p.value && !p.generate).length;
  const generated = ps.filter((p) => !p.value && p.generate).length;
  const why = blank > 0 ? `${blank} blank` : generated > 0 ? `${generated} generated` : 'all set';
  return `${ps.length} (${why})`;
}

export const templateKind = defineKind<Template>({
  group: 'template.openshift.io',
  version: 'v1',
  kind: 'Template',
  plural: 'templates',
  singular: 'template',
  namespaced: true,
  schema: TemplateSchema,
  hasStatus: false,
  specFields: ['objects', 'parameters', 'labels', 'message'],
  printerColumns: [
    { name: 'Description', type: 'string', jsonPath: '.metadata.annotations.description' },
    { name: 'Parameters', type: 'string', jsonPath: '.parameters', value: (t) => parameterSummary((t as Template).parameters ?? []) },
    { name: 'Objects', type: 'integer', jsonPath: '.objects', value: (t) => ((t as Template).objects ?? []).length },
  ],
  validate: (t): FieldError[] => checkParameters(t.parameters ?? []),
});
