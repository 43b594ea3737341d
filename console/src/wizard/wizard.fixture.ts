// Test input for the wizard's builders: the real common templates processed by the server's own
// processing code (as the API would), and the server's admission for VirtualMachines, so the tests
// check that what the wizard builds is what the API accepts.
import { Value } from '@sinclair/typebox/value';
import type { VirtualMachine } from '../../../src/api/kubevirt/types.ts';
import { virtualMachineKind } from '../../../src/api/kubevirt/virtualmachine.ts';
import { processTemplate as serverProcess } from '../../../src/api/template/process.ts';
import type { Template as ServerTemplate } from '../../../src/api/template/template.ts';
import type { Template } from '../api/types.ts';
import { template } from '../catalog/common-templates.fixture.ts';
import { initialState } from './initial-state.ts';
import type { WizardState } from './state.ts';
import { asWizardVm, type WizardVm } from './vm-shape.ts';

export { template };

/** `name`'s VM as the API processes it under NAME=`vmName` (the password fixed, for stable tests). */
export function processedVm(name: string, vmName = 'vm1'): WizardVm {
  const t = template(name);
  const overrides: Record<string, string> = { NAME: vmName };
  if (t.parameters?.some((p) => p.name === 'CLOUD_USER_PASSWORD')) overrides.CLOUD_USER_PASSWORD = 'abcd-efgh-ijkl';
  const out = serverProcess(t as unknown as ServerTemplate, overrides);
  if ('errors' in out) throw new Error(JSON.stringify(out.errors));
  const vm = out.template.objects?.map((o) => asWizardVm(o as Record<string, unknown>)).find(Boolean);
  if (!vm) throw new Error(`${name} has no VM`);
  return vm;
}

/** The wizard's first state for template `name`, and the processed VM it came from. */
export function start(name: string, vmName = 'vm1'): { t: Template; base: WizardVm; state: WizardState } {
  const base = processedVm(name, vmName);
  return { t: template(name), base, state: initialState(template(name), base, vmName) };
}

/** What the API server's schema and admission say about `vm` (empty when it would be stored). */
export async function admissionErrors(vm: WizardVm): Promise<string[]> {
  const obj = structuredClone(vm) as unknown as VirtualMachine;
  const schema = [...Value.Errors(virtualMachineKind.schema, obj)].map((e) => `${e.path}: ${e.message}`);
  if (schema.length > 0) return schema;
  virtualMachineKind.defaults?.(obj);
  const errs = (await virtualMachineKind.validate?.(obj, { operation: 'CREATE', get: async () => undefined })) ?? [];
  return errs.map((e) => `${e.field}: ${e.message}`);
}
