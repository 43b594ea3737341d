// Test helpers: a patch applied by the JSON Patch library the API server uses (fast-json-patch,
// validating, test ops included), and the server's schema and admission verdict on the result, so
// patch builders are checked against what the API would store.
import jsonpatch, { type Operation } from 'fast-json-patch';
import { admissionErrors } from '../wizard/wizard.fixture.ts';
import type { WizardVm } from '../wizard/vm-shape.ts';
import type { PatchOp } from './json-patch.ts';
import type { ConfigVm } from './vm-view.ts';

export const patched = (vm: ConfigVm, ops: readonly PatchOp[]): ConfigVm => jsonpatch.applyPatch(structuredClone(vm), ops as Operation[], true, false).newDocument;

/** What the server's schema and admission say about `vm` (empty when it would be stored). */
export const admission = (vm: ConfigVm): Promise<string[]> => admissionErrors(vm as unknown as WizardVm);
