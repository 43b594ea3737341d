// What `vireo template process` and `vireo create vm --template` share: find a Template (in the
// namespace given, else the context's, else vireo-system where the common ones live), set the
// -p values on it and have the server process it (POST …/processedtemplates, as `oc process`).
import type { Template } from '../api/template/index.ts';
import { ApiStatusError, type KubeClient } from '../client/client.ts';

const TEMPLATES = { group: 'template.openshift.io', version: 'v1', plural: 'templates', namespaced: true };
export const COMMON_TEMPLATES_NAMESPACE = 'vireo-system';

/** `-p KEY=VALUE`, repeatable. */
export function collectParam(kv: string, acc: Record<string, string>): Record<string, string> {
  const i = kv.indexOf('=');
  if (i <= 0) throw new Error(`-p ${kv}: expected KEY=VALUE`);
  return { ...acc, [kv.slice(0, i)]: kv.slice(i + 1) };
}

export async function findTemplate(client: KubeClient, name: string, namespaces: string[]): Promise<Template> {
  for (const ns of namespaces) {
    const t = await client.tryGet<Template>(TEMPLATES, ns, name);
    if (t) return t;
  }
  throw new Error(`template ${name} not found in namespace ${namespaces.join(' or ')}`);
}

export async function processNamed(client: KubeClient, t: Template, params: Record<string, string>): Promise<Template> {
  const defined = new Set((t.parameters ?? []).map((p) => p.name));
  const unknown = Object.keys(params).filter((k) => !defined.has(k));
  if (unknown.length > 0) throw new Error(`unknown parameter name ${unknown.join(', ')} for template ${t.metadata.name}; it defines ${[...defined].join(', ') || 'none'}`);
  const body: Template = { ...t, parameters: (t.parameters ?? []).map((p) => (params[p.name] !== undefined ? { ...p, value: params[p.name] } : p)) };
  const ns = t.metadata.namespace ?? COMMON_TEMPLATES_NAMESPACE;
  try {
    return await client.request<Template>('POST', `/apis/template.openshift.io/v1/namespaces/${encodeURIComponent(ns)}/processedtemplates`, { body });
  } catch (e) {
    if (e instanceof ApiStatusError) throw new Error(`processing template ${t.metadata.name}: ${e.message}`, { cause: e });
    throw e;
  }
}
