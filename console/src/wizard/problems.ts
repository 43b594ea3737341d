// Everything that keeps the wizard from moving on, step by step, from the rules of each field: the
// steps use it to mark fields and NICs/disks, to disable Next, and to flag steps in the navigation.
import type { Message } from '../catalog/message.ts';
import { advancedProblems, type AdvancedField } from './advanced-rules.ts';
import { storageProblems } from './disk-rules.ts';
import { generalProblems, type GeneralContext, type GeneralField } from './general-rules.ts';
import { networkingProblems } from './nic-rules.ts';
import type { WizardState } from './state.ts';

export type StepId = 'general' | 'networking' | 'storage' | 'advanced' | 'review';
export const STEPS: readonly StepId[] = ['general', 'networking', 'storage', 'advanced', 'review'];

export interface WizardProblems {
  general: Record<GeneralField, Message[]>;
  networking: { nics: Map<string, Message[]>; step: Message[] };
  storage: { disks: Map<string, Message[]>; step: Message[] };
  advanced: Record<AdvancedField, Message[]>;
  /** Per step: true when nothing in it is wrong. */
  ok: Record<Exclude<StepId, 'review'>, boolean>;
}

const none = (lists: Iterable<Message[]>): boolean => [...lists].every((l) => l.length === 0);

export function wizardProblems(state: WizardState, ctx: GeneralContext & { reservedDiskNames: readonly string[] }): WizardProblems {
  const general = generalProblems(state.general, ctx);
  const networking = networkingProblems(state);
  const storage = storageProblems(state, ctx.reservedDiskNames);
  const advanced = advancedProblems(state.cloudInit);
  return {
    general,
    networking,
    storage,
    advanced,
    ok: {
      general: none(Object.values(general)),
      networking: none([...networking.nics.values(), networking.step]),
      storage: none([...storage.disks.values(), storage.step]),
      advanced: none(Object.values(advanced)),
    },
  };
}

/** A step can be opened when every step before it is complete. */
export function reachable(ok: WizardProblems['ok'], step: StepId): boolean {
  const before = STEPS.slice(0, STEPS.indexOf(step)) as Exclude<StepId, 'review'>[];
  return before.every((s) => ok[s]);
}
