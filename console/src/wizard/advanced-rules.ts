// The Advanced step's rules: the hostname a DNS label (it is also the VMI's spec.hostname), each
// authorized key line an OpenSSH public key, and a custom #cloud-config valid YAML.
import { parseDocument } from 'yaml';
import type { Message } from '../catalog/message.ts';
import { sshKeyLines } from './cloud-init.ts';
import { dnsLabelProblems, isSshKey } from './field-rules.ts';
import type { CloudInitState } from './state.ts';

export type AdvancedField = 'hostname' | 'sshKeys' | 'script';

export function advancedProblems(ci: CloudInitState): Record<AdvancedField, Message[]> {
  const hostname =
    ci.custom || ci.hostname === ''
      ? []
      : dnsLabelProblems(ci.hostname, {
          empty: { key: 'wizard.hostnameChars' },
          chars: { key: 'wizard.hostnameChars' },
          ends: { key: 'wizard.hostnameEnds' },
          tooLong: { key: 'wizard.hostnameTooLong' },
        });
  const bad = ci.custom ? [] : sshKeyLines(ci.sshKeys).flatMap((k, i) => (isSshKey(k) ? [] : [i + 1]));
  const script: Message[] = [];
  if (ci.custom && ci.script.trimStart().startsWith('#cloud-config')) {
    const err = parseDocument(ci.script).errors[0];
    if (err) script.push({ key: 'wizard.scriptYaml', vars: { message: err.message.split('\n')[0] ?? '' } });
  }
  return {
    hostname,
    sshKeys: bad.length > 0 ? [{ key: 'wizard.sshKeyInvalid', vars: { lines: bad.join(', ') } }] : [],
    script,
  };
}
