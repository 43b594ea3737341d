// Rules for single wizard fields, as OpenShift's wizard words them: each returns what is wrong
// (empty when the value is fine) as messages said later in the user's language.
import type { Message } from '../catalog/message.ts';
import type { Size } from './state.ts';

export function positiveIntegerProblems(v: string, empty: Message, notPositive: Message): Message[] {
  if (v.trim() === '') return [empty];
  return /^[0-9]+$/.test(v.trim()) && Number(v) > 0 ? [] : [notPositive];
}

/** A size: a positive number (decimals allowed, as in `1.5Gi`). */
export function sizeProblems(s: Size): Message[] {
  if (s.value.trim() === '') return [{ key: 'wizard.sizeEmpty' }];
  return /^[0-9]+(\.[0-9]+)?$/.test(s.value.trim()) && Number(s.value) > 0 ? [] : [{ key: 'wizard.sizePositive' }];
}

export function urlProblems(url: string): Message[] {
  if (url.trim() === '') return [{ key: 'wizard.urlEmpty' }];
  if (/^\s/.test(url)) return [{ key: 'wizard.urlLeadingSpace' }];
  if (/\s$/.test(url)) return [{ key: 'wizard.urlTrailingSpace' }];
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? [] : [{ key: 'wizard.urlInvalid' }];
  } catch {
    return [{ key: 'wizard.urlInvalid' }];
  }
}

export function imageProblems(image: string): Message[] {
  if (image.trim() === '') return [{ key: 'wizard.imageEmpty' }];
  return /\s/.test(image) ? [{ key: 'wizard.imageSpace' }] : [];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A NIC name or a hostname: a DNS label (lowercase letters, digits, hyphens; 63 at most). */
export function dnsLabelProblems(v: string, keys: { empty: Message; chars: Message; ends: Message; tooLong: Message }): Message[] {
  if (v === '') return [keys.empty];
  const out: Message[] = [];
  if (v.length > 63) out.push(keys.tooLong);
  if (/[^a-z0-9-]/.test(v)) out.push(keys.chars);
  else if (!DNS_LABEL.test(v)) out.push(keys.ends);
  return out;
}

export const MAC = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;

/** OpenSSH public key lines: type, base64 key, optional comment. */
const SSH_KEY = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;
export const isSshKey = (line: string): boolean => SSH_KEY.test(line.trim());
