// Quick create, as OpenShift's console does it: the template with NAME set is processed by the API
// (POST …/namespaces/NS/processedtemplates, what `oc process` posts), and every object it yields is
// created in the project — the VM first, its DataVolume templates inside it — with the run strategy
// the "Start this VirtualMachine after creation" box asks for. The first failure stops and is thrown
// with the API's message.
import type { ApiClient } from '../api/client.ts';
import { paths } from '../api/resources.ts';
import type { ApiResourceList, KubeObject, Template } from '../api/types.ts';
import { isVm, type TemplateVm } from './template-vm.ts';

/** The body to process: the template placed in `namespace` with the given parameter values. */
export function withParameterValues(t: Template, values: Record<string, string>, namespace: string): Template {
  const { name, labels, annotations } = t.metadata;
  return {
    apiVersion: 'template.openshift.io/v1',
    kind: 'Template',
    metadata: { name, namespace, labels, annotations },
    objects: t.objects,
    parameters: (t.parameters ?? []).map((p) => (values[p.name] !== undefined ? { ...p, value: values[p.name] } : p)),
  };
}

type Obj = KubeObject & Record<string, unknown>;

/** The processed objects to create in `namespace`, the VM started (runStrategy Always) or halted. */
export function objectsToCreate(processed: Template, namespace: string, start: boolean): Obj[] {
  return (processed.objects ?? []).map((o) => {
    const obj = structuredClone(o) as Obj;
    obj.metadata = { ...obj.metadata, namespace };
    if (isVm(obj)) {
      const spec = ((obj as TemplateVm).spec ??= {});
      // runStrategy and running are exclusive: the checkbox decides through runStrategy alone.
      delete spec.running;
      spec.runStrategy = start ? 'Always' : 'Halted';
    }
    return obj;
  });
}

/** The collection `obj` is POSTed to, from its group version's discovery. */
export function collectionPath(list: ApiResourceList, obj: KubeObject, namespace: string): string {
  const apiVersion = obj.apiVersion ?? '';
  const r = list.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
  if (!r) throw new Error(`the server does not serve ${obj.kind} in ${apiVersion}`);
  const base = paths.discovery(apiVersion);
  return r.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.name}` : `${base}/${r.name}`;
}

export interface QuickCreateRequest {
  template: Template;
  name: string;
  namespace: string;
  start: boolean;
}

/** Processes and creates; resolves with the created VM (or the first object when there is none). */
export async function quickCreate(client: ApiClient, req: QuickCreateRequest): Promise<KubeObject> {
  const body = withParameterValues(req.template, { NAME: req.name }, req.namespace);
  const processed = await client.create<Template>(paths.processedTemplates(encodeURIComponent(req.namespace)), body);
  const objects = objectsToCreate(processed, req.namespace, req.start);
  // The VM first: a name clash then fails before anything else exists.
  objects.sort((a, b) => Number(isVm(b)) - Number(isVm(a)));
  const discovery = new Map<string, ApiResourceList>();
  const created: KubeObject[] = [];
  for (const obj of objects) {
    const apiVersion = obj.apiVersion ?? '';
    let list = discovery.get(apiVersion);
    if (!list) {
      list = await client.get<ApiResourceList>(paths.discovery(apiVersion));
      discovery.set(apiVersion, list);
    }
    created.push(await client.create(collectionPath(list, obj, req.namespace), obj));
  }
  const vm = created.find((o) => o.kind === 'VirtualMachine') ?? created[0];
  if (!vm) throw new Error(`template ${req.template.metadata.name} yields no objects`);
  return vm;
}
