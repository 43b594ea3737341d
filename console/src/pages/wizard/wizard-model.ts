// The wizard's shared model for its steps: the template, the form state and its updater, the
// lists fields choose from, and the rules' verdicts — one context instead of props through every
// step and dialog.
import { createContext, useContext } from 'react';
import type { Template } from '../../api/types.ts';
import type { BootSource } from '../../catalog/boot-source.ts';
import type { FlavorSize, PresetFlavor } from '../../wizard/flavor.ts';
import type { WizardProblems } from '../../wizard/problems.ts';
import type { WizardDisk, WizardState } from '../../wizard/state.ts';
import type { WizardData } from './use-wizard-data.ts';

export interface WizardModel {
  template: Template;
  namespace: string;
  state: WizardState;
  update: (f: (s: WizardState) => WizardState) => void;
  data: WizardData;
  bootSource: BootSource;
  presets: Record<PresetFlavor, FlavorSize>;
  /** The boot disk as the template has it, brought back when the source leaves PXE. */
  rootDisk: WizardDisk;
  /** The template's cloud-init user-data (the custom script starts from it merged with the form). */
  baseUserData?: string;
  /** Disk names the VM already uses for something else (the cloud-init disk). */
  reservedDiskNames: string[];
  problems: WizardProblems;
  /** True while the VM is being created: the form is frozen. */
  busy: boolean;
}

export const WizardModelContext = createContext<WizardModel | null>(null);

export function useWizardModel(): WizardModel {
  const v = useContext(WizardModelContext);
  if (!v) throw new Error('useWizardModel outside WizardModelContext');
  return v;
}
