// The wizard's two API calls, as Quick create makes them: process the template (POST
// …/processedtemplates, what `oc process` posts) into its VM and any other objects, keeping the
// parameter values the server generated so processing again under another name gives the same
// password; and create — the VM first (a name clash fails before anything else exists), then the
// rest. Errors are the API's, thrown as they come.
import type { ApiClient } from '../api/client.ts';
import { paths } from '../api/resources.ts';
import type { ApiResourceList, KubeObject, Template } from '../api/types.ts';
import { collectionPath, withParameterValues } from '../catalog/quick-create.ts';
import { asWizardVm, type WizardVm } from './vm-shape.ts';

type Obj = KubeObject & Record<string, unknown>;

export interface Processed {
  vm: WizardVm;
  others: Obj[];
  /** Every parameter's value after processing (generated ones included). */
  values: Record<string, string>;
}

export async function processTemplate(client: ApiClient, template: Template, values: Record<string, string>, namespace: string): Promise<Processed> {
  const body = withParameterValues(template, values, namespace);
  const out = await client.create<Template>(paths.processedTemplates(encodeURIComponent(namespace)), body);
  let vm: WizardVm | undefined;
  const others: Obj[] = [];
  for (const o of out.objects ?? []) {
    const asVm = vm ? undefined : asWizardVm(o);
    if (asVm) vm = asVm;
    else others.push({ ...(structuredClone(o) as Obj), metadata: { ...(o.metadata as KubeObject['metadata']), namespace } });
  }
  if (!vm) throw new Error(`template ${template.metadata.name} yields no VirtualMachine`);
  const kept = Object.fromEntries((out.parameters ?? []).flatMap((p) => (p.value !== undefined ? [[p.name, p.value] as const] : [])));
  return { vm, others, values: { ...values, ...kept } };
}

/** Creates the VM, then the template's other objects; resolves with the VM as stored. */
export async function createVm(client: ApiClient, vm: WizardVm, others: readonly Obj[], namespace: string): Promise<KubeObject> {
  const created = await client.create(paths.vms(encodeURIComponent(namespace)), vm);
  const discovery = new Map<string, ApiResourceList>();
  for (const obj of others) {
    const apiVersion = obj.apiVersion ?? '';
    let list = discovery.get(apiVersion);
    if (!list) {
      list = await client.get<ApiResourceList>(paths.discovery(apiVersion));
      discovery.set(apiVersion, list);
    }
    await client.create(collectionPath(list, obj, namespace), obj);
  }
  return created;
}
