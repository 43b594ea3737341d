// Reads the "With YAML" page's text into the VirtualMachine to create, or says what is wrong with it
// and where (a YAML syntax error, not a mapping, not a kubevirt.io VirtualMachine) before any request.
import { isMap, parseDocument, type Node } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import type { MessageKey } from '../i18n.ts';

export type ManifestResult =
  | { ok: true; object: KubeObject }
  | { ok: false; key: MessageKey; vars: Record<string, string>; from: number; to: number };

export function parseVmManifest(text: string): ManifestResult {
  const doc = parseDocument(text);
  const err = doc.errors[0];
  if (err) {
    // The library's message repeats the source with a caret; its first line says it all.
    return { ok: false, key: 'create.yamlError', vars: { message: err.message.split('\n')[0] }, from: err.pos[0], to: err.pos[1] };
  }
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    const nl = text.indexOf('\n');
    return { ok: false, key: 'create.notMapping', vars: {}, from: 0, to: nl < 0 ? text.length : nl };
  }
  const object = doc.toJS() as Record<string, unknown>;
  const apiVersion = String(object.apiVersion ?? '');
  const kind = String(object.kind ?? '');
  if (apiVersion !== 'kubevirt.io/v1' || kind !== 'VirtualMachine') {
    const at = ((doc.get('kind', true) ?? doc.get('apiVersion', true)) as Node | undefined)?.range ?? [0, 0];
    return { ok: false, key: 'create.notVm', vars: { found: `${apiVersion || '?'} ${kind || '?'}` }, from: at[0], to: at[1] };
  }
  const metadata = object.metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return { ok: false, key: 'create.noMetadata', vars: {}, from: 0, to: 0 };
  }
  return { ok: true, object: object as unknown as KubeObject };
}
