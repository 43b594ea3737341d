// `vireo create vm`, in two modes:
// - `--template NAME --name N [-n NS]` (Quick create): processes the template with NAME=N and
//   creates every object it yields in the namespace. The template is looked up in
//   --template-namespace, else the current namespace, else vireo-system. As the console's Quick
//   create ("Start this VirtualMachine after creation", checked by default), the VM is started
//   (runStrategy Always) unless --no-start keeps the template's own run strategy.
// - otherwise, as virtctl: prints a VirtualMachine manifest (vm-manifest.ts) for `| kubectl apply -f -`.
// `vireo create instancetype|preference` print their manifests too (create-sizes.ts).
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { KubeObject } from '../machinery/object.ts';
import type { KubeClient } from '../client/client.ts';
import { withClient, withConnection } from './connection.ts';
import { registerCreateSizes } from './create-sizes.ts';
import { COMMON_TEMPLATES_NAMESPACE, collectParam, findTemplate, processNamed } from './template-process.ts';
import { vmManifest } from './vm-manifest.ts';

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

interface CreateVmOptions {
  kubeconfig?: string;
  namespace?: string;
  template?: string;
  name?: string;
  templateNamespace?: string;
  param: Record<string, string>;
  start: boolean;
  runStrategy: string;
  terminationGracePeriod: string;
  memory?: string;
  instancetype?: string;
  preference?: string;
  volumeImport: string[];
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** Quick create: process the template and create what it yields, the VM started unless --no-start. */
async function createFromTemplate(opts: CreateVmOptions & { template: string }): Promise<void> {
  if (!opts.name) throw new Error('--name is required with --template');
  const name = opts.name;
  return withClient(opts, async ({ client, namespace }) => {
    const where = opts.templateNamespace ? [opts.templateNamespace] : [namespace, COMMON_TEMPLATES_NAMESPACE];
    const t = await findTemplate(client, opts.template, where);
    const out = await processNamed(client, t, { ...opts.param, NAME: name });
    for (const obj of (out.objects ?? []) as KubeObject[]) {
      if (opts.start && obj.kind === 'VirtualMachine') startOnCreate(obj);
      const created = await client.request<KubeObject>('POST', await collectionPath(client, obj, namespace), { body: obj, query: { fieldManager: 'vireo' } });
      console.log(`${created.kind.toLowerCase()}.${created.apiVersion.split('/')[0]}/${created.metadata.name} created`);
    }
  });
}

function startOnCreate(vm: KubeObject): void {
  const spec = (vm as KubeObject & { spec?: { running?: boolean; runStrategy?: string } }).spec;
  if (!spec) return;
  delete spec.running;
  spec.runStrategy = 'Always';
}

export function registerCreate(program: Command): void {
  const create = program.command('create').description('create a VM from a template, or print VM, instance type and preference manifests (as virtctl)');
  withConnection(create.command('vm').description('create a VirtualMachine from a template (--template), or print a VirtualMachine manifest'))
    .option('--template <name>', 'template to process and create from (Quick create)')
    .option('--name <name>', 'name of the VM (with --template: the NAME parameter; else random when absent)')
    .option('--template-namespace <ns>', 'namespace of the template')
    .option('-p, --param <KEY=VALUE>', 'set another template parameter (repeatable)', collectParam, {})
    .option('--no-start', 'with --template: keep the template\'s run strategy instead of starting the VM')
    .option('--run-strategy <strategy>', 'run strategy of the printed VM', 'Always')
    .option('--termination-grace-period <seconds>', 'termination grace period of the printed VM', '180')
    .option('--memory <quantity>', `guest memory of the printed VM when no instance type is given (default 512Mi)`)
    .option('--instancetype <[kind/]name>', 'instance type (virtualmachineclusterinstancetype unless kind virtualmachineinstancetype)')
    .option('--preference <[kind/]name>', 'preference (virtualmachineclusterpreference unless kind virtualmachinepreference)')
    .option('--volume-import <params>', 'a DataVolume to create with the VM, e.g. type:ds,src:NS/NAME,size:1Gi (repeatable; types ds, pvc, http, registry, blank)', collect, [])
    .action(async (opts: CreateVmOptions) => {
      if (opts.template) return createFromTemplate({ ...opts, template: opts.template });
      const grace = Number(opts.terminationGracePeriod);
      if (!Number.isInteger(grace) || grace < 0) throw new Error(`--termination-grace-period must be a whole number of seconds, not "${opts.terminationGracePeriod}"`);
      process.stdout.write(stringify(vmManifest({ ...opts, terminationGracePeriod: grace })));
    });
  registerCreateSizes(create);
}
