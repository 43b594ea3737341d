// A NIC's rules (seed 002's network fields): the name a DNS label not used by another NIC, a MAC
// address in its usual form when one is given, and the pod network on one NIC at most. The
// Networking step adds PXE's need for a NIC on a NetworkAttachmentDefinition.
import type { Message } from '../catalog/message.ts';
import { dnsLabelProblems, MAC } from './field-rules.ts';
import { pxeNic } from './nics.ts';
import type { WizardNic, WizardState } from './state.ts';

export type NicField = 'name' | 'mac' | 'network';

export function nicProblems(nic: WizardNic, nics: readonly WizardNic[]): Record<NicField, Message[]> {
  const others = nics.filter((n) => n.id !== nic.id);
  const name = dnsLabelProblems(nic.name, {
    empty: { key: 'wizard.nicNameEmpty' },
    chars: { key: 'wizard.nicNameChars' },
    ends: { key: 'wizard.nicNameEnds' },
    tooLong: { key: 'wizard.nicNameTooLong' },
  });
  if (name.length === 0 && others.some((n) => n.name === nic.name)) name.push({ key: 'wizard.nicNameTaken' });
  return {
    name,
    mac: nic.mac.trim() && !MAC.test(nic.mac.trim()) ? [{ key: 'wizard.macInvalid' }] : [],
    network: nic.network === '' && others.some((n) => n.network === '') ? [{ key: 'wizard.podNetworkTaken' }] : [],
  };
}

/** What keeps the Networking step from being complete, NIC by NIC and as a whole. */
export function networkingProblems(state: WizardState): { nics: Map<string, Message[]>; step: Message[] } {
  const nics = new Map(state.nics.map((n) => [n.id, Object.values(nicProblems(n, state.nics)).flat()]));
  const step: Message[] = state.general.source === 'pxe' && !pxeNic(state.nics) ? [{ key: 'wizard.pxeNeedsNic' }] : [];
  return { nics, step };
}
