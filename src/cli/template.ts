// `vireo template process NAME [-n NS] -p KEY=VALUE…`: prints the processed objects as a YAML
// List, ready for `| kubectl apply -f -`.
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { withClient, withConnection } from './connection.ts';
import { COMMON_TEMPLATES_NAMESPACE, collectParam, findTemplate, processNamed } from './template-process.ts';

export function registerTemplate(program: Command): void {
  const template = program.command('template').description('work with templates (template.openshift.io)');
  withConnection(template.command('process').description('process a template and print its objects as a YAML List').argument('<name>'))
    .option('-p, --param <KEY=VALUE>', 'set a parameter (repeatable)', collectParam, {})
    .action(async (name: string, opts: { kubeconfig?: string; namespace?: string; param: Record<string, string> }) =>
      withClient(opts, async ({ client, namespace }) => {
        const t = await findTemplate(client, name, opts.namespace ? [opts.namespace] : [namespace, COMMON_TEMPLATES_NAMESPACE]);
        const out = await processNamed(client, t, opts.param);
        process.stdout.write(stringify({ apiVersion: 'v1', kind: 'List', items: out.objects ?? [] }));
      }),
    );
}
