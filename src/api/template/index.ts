// The template.openshift.io/v1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { templateKind } from './template.ts';

export const templateKinds = [templateKind] as unknown as KindDefinition[];
export { templateKind, type Template, type TemplateParameter } from './template.ts';
export { processTemplate } from './process.ts';
