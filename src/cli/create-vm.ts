// `vireo create vm --template NAME --name N [-n NS]`: processes the template with NAME=N and
// creates every object it yields in the namespace (Quick create). The template is looked up in
// --template-namespace, else the current namespace, else vireo-system.
import type { Command } from 'commander';
import type { KubeObject } from '../machinery/object.ts';
import type { KubeClient } from '../client/client.ts';
import { withClient, withConnection } from './connection.ts';
import { COMMON_TEMPLATES_NAMESPACE, collectParam, findTemplate, processNamed } from './template-process.ts';

interface ResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** The REST path that creates `obj` in `ns`, found through discovery. */
async function collectionPath(client: KubeClient, obj: KubeObject, ns: string): Promise<string> {
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const list = await client.request<ResourceList>('GET', base);
  const r = list.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
  if (!r) throw new Error(`the server does not serve ${obj.kind} in ${obj.apiVersion}`);
  return r.namespaced ? `${base}/namespaces/${encodeURIComponent(ns)}/${r.name}` : `${base}/${r.name}`;
}

export function registerCreate(program: Command): void {
  const create = program.command('create').description('create objects from templates');
  withConnection(create.command('vm').description('create a VirtualMachine from a template'))
    .requiredOption('--template <name>', 'template to process')
    .requiredOption('--name <name>', 'name of the VM (the NAME parameter)')
    .option('--template-namespace <ns>', 'namespace of the template')
    .option('-p, --param <KEY=VALUE>', 'set another parameter (repeatable)', collectParam, {})
    .action(async (opts: { kubeconfig?: string; namespace?: string; template: string; name: string; templateNamespace?: string; param: Record<string, string> }) =>
      withClient(opts, async ({ client, namespace }) => {
        const where = opts.templateNamespace ? [opts.templateNamespace] : [namespace, COMMON_TEMPLATES_NAMESPACE];
        const t = await findTemplate(client, opts.template, where);
        const out = await processNamed(client, t, { ...opts.param, NAME: opts.name });
        for (const obj of (out.objects ?? []) as KubeObject[]) {
          const created = await client.request<KubeObject>('POST', await collectionPath(client, obj, namespace), { body: obj, query: { fieldManager: 'vireo' } });
          console.log(`${created.kind.toLowerCase()}.${created.apiVersion.split('/')[0]}/${created.metadata.name} created`);
        }
      }),
    );
}
