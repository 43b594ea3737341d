// The real common templates the server ships (src/controlplane/templates/), as the console's tests'
// input: the catalog logic is checked against the objects it will actually read.
import { COMMON_TEMPLATES_NAMESPACE } from '../../../src/cli/template-process.ts';
import { commonTemplates } from '../../../src/controlplane/templates/common-templates.ts';
import type { DataSource, Template } from '../api/types.ts';

/** As a list response carries them: JSON, each in its namespace. */
export const TEMPLATES = JSON.parse(JSON.stringify(commonTemplates(COMMON_TEMPLATES_NAMESPACE, 'vireo-os-images'))) as Template[];

export function template(name: string): Template {
  const t = TEMPLATES.find((x) => x.metadata.name === name);
  if (!t) throw new Error(`no common template ${name}`);
  return t;
}

export function dataSource(name: string, ready: 'True' | 'False' | undefined, message?: string): DataSource {
  return {
    metadata: { namespace: 'vireo-os-images', name },
    status: ready === undefined ? {} : { conditions: [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'Ready' : 'Failed', message }] },
  };
}
