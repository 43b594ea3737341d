// The VM name of Quick create: a random suggestion like OpenShift's, and the name rule checked as
// the user types. The rule is the API server's (src/api/common/names.ts validateVmName, seed 002's
// wording); it is restated here so the console bundle stays free of server code and can say which
// part is broken in the user's language — vm-name.test.ts keeps the two in agreement.
import type { Message } from './message.ts';

export const VM_NAME_MAX = 253;
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `<prefix>-` and eight lowercase letters or digits, e.g. `fedora-k3x9q2ab`. */
export function randomVmName(prefix: string, random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CHARS[Math.floor(random() * CHARS.length)];
  // A prefix that would break the rule itself (a user template's odd name) is cleaned first.
  const p = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return p ? `${p}-${s}` : s;
}

/** What is wrong with `name` (empty when it is fine); `taken` are the project's VM names. */
export function vmNameProblems(name: string, taken: ReadonlySet<string> = new Set()): Message[] {
  if (name === '') return [{ key: 'quick.nameEmpty' }];
  const out: Message[] = [];
  if (name.length > VM_NAME_MAX) out.push({ key: 'quick.nameTooLong', vars: { max: VM_NAME_MAX } });
  if (/[^a-z0-9-]/.test(name)) out.push({ key: 'quick.nameChars' });
  // Capitals are the character rule's to report; here only what sits at the ends matters.
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) out.push({ key: 'quick.nameEnds' });
  if (out.length === 0 && taken.has(name)) out.push({ key: 'quick.nameTaken', vars: { name } });
  return out;
}
