// SSH keys of accessCredentials (noCloud propagation) merged into a #cloud-config user-data's
// top-level `ssh_authorized_keys`, which cloud-init installs for the default user. The YAML is
// edited as a document, so the user's comments (the `#cloud-config` header first) and layout stay.
//
// User-data that is not #cloud-config (a shell script, MIME multipart, #include, Jinja) is left
// untouched: cloud-init would run or decode it, and editing it could break it. The keys reach
// the guest anyway through meta-data `public-keys`, which the cidata ISO always carries: that is
// where KubeVirt itself puts them, and NoCloud's cloud-init installs them for the default user.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

export class UserDataKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserDataKeysError';
  }
}

export function isCloudConfig(userData: string): boolean {
  return userData.startsWith('#cloud-config');
}

/** `userData` with `keys` added to its ssh_authorized_keys (those already there kept, none twice). */
export function mergeSshKeys(userData: string | undefined, keys: string[]): string | undefined {
  if (keys.length === 0 || userData === undefined || !isCloudConfig(userData)) return userData;
  // Widened from Document.Parsed, so an empty document can be given a fresh mapping.
  const doc: Document = parseDocument(userData);
  if (doc.errors.length > 0) throw new UserDataKeysError(`user-data is not valid YAML, cannot add SSH keys to it: ${doc.errors[0]!.message}`);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) doc.contents = doc.createNode({});
  if (!isMap(doc.contents)) throw new UserDataKeysError('user-data #cloud-config is not a YAML mapping, cannot add ssh_authorized_keys to it');
  const existing = doc.get('ssh_authorized_keys', true);
  if (existing === undefined || existing === null || (isScalar(existing) && existing.value === null)) {
    doc.set('ssh_authorized_keys', doc.createNode(keys));
  } else if (isSeq(existing)) {
    const have = new Set(existing.items.map((i) => (isScalar(i) ? String(i.value).trim() : '')));
    for (const k of keys) if (!have.has(k)) existing.add(doc.createNode(k));
  } else {
    throw new UserDataKeysError('user-data ssh_authorized_keys is not a list, cannot add the accessCredentials keys to it');
  }
  // lineWidth 0: a long RSA key stays one line, as sshd and simple readers want it.
  return doc.toString({ lineWidth: 0 });
}
