// `--volume-import` of `vireo create vm`, as virtctl reads it: one DataVolume template per flag,
// `type:<ds|pvc|http|registry|blank>` plus that type's params, named `imported-volume-<random>`
// unless `name:` says otherwise. Only the sources Vireo's DataVolumes can fill are accepted (s3,
// gcs, imageio, vddk and snapshot would be printed fine but never succeed), so the error comes here
// rather than from a DataVolume stuck in Failed.
import type { VirtualMachineSpec } from '../api/kubevirt/index.ts';
import type { DataVolumeSpec } from '../api/kubevirt/datavolume-spec.ts';
import { flagError, quantityParam, randomSuffix, splitParams, splitPrefixedName } from './create-params.ts';

export type DataVolumeTemplate = NonNullable<VirtualMachineSpec['dataVolumeTemplates']>[number];

const FLAG = 'volume-import';
const PARAMS: Record<string, readonly string[]> = {
  ds: ['type', 'name', 'src', 'size'],
  pvc: ['type', 'name', 'src', 'size'],
  http: ['type', 'name', 'url', 'size', 'certconfigmap', 'secretref', 'extraheaders'],
  registry: ['type', 'name', 'url', 'size', 'certconfigmap', 'secretref', 'pullmethod'],
  blank: ['type', 'name', 'size'],
};

function storage(size: string | undefined): NonNullable<DataVolumeSpec['storage']> {
  return { resources: size ? { requests: { storage: size } } : {} };
}

function required(p: Map<string, string>, key: string, type: string): string {
  const v = p.get(key);
  if (!v) throw flagError(FLAG, `${key} must be specified for type ${type}`);
  return v;
}

function specOf(type: string, p: Map<string, string>, size: string | undefined): DataVolumeSpec {
  switch (type) {
    case 'ds': {
      const { prefix, name } = splitPrefixedName(FLAG, required(p, 'src', type));
      return { sourceRef: { kind: 'DataSource', name, ...(prefix ? { namespace: prefix } : {}) }, storage: storage(size) };
    }
    case 'pvc': {
      const { prefix, name } = splitPrefixedName(FLAG, required(p, 'src', type));
      return { source: { pvc: { name, ...(prefix ? { namespace: prefix } : {}) } }, storage: storage(size) };
    }
    case 'http': {
      const url = required(p, 'url', type);
      required(p, 'size', type);
      const [ca, secret, extra] = [p.get('certconfigmap'), p.get('secretref'), p.get('extraheaders')];
      const http = { url, ...(ca ? { certConfigMap: ca } : {}), ...(secret ? { secretRef: secret } : {}), ...(extra ? { extraHeaders: extra.split(';') } : {}) };
      return { source: { http }, storage: storage(size) };
    }
    case 'registry': {
      const url = required(p, 'url', type);
      required(p, 'size', type);
      const [ca, secret, pull] = [p.get('certconfigmap'), p.get('secretref'), p.get('pullmethod')];
      if (pull !== undefined && pull !== 'pod' && pull !== 'node') throw flagError(FLAG, `pullmethod must be pod or node, not "${pull}"`);
      const registry = { url, ...(ca ? { certConfigMap: ca } : {}), ...(secret ? { secretRef: secret } : {}), ...(pull ? { pullMethod: pull } : {}) };
      return { source: { registry }, storage: storage(size) };
    }
    default:
      required(p, 'size', type);
      return { source: { blank: {} }, storage: storage(size) };
  }
}

/** One `--volume-import` value as the DataVolume template virtctl would print. */
export function volumeImport(text: string): DataVolumeTemplate {
  const type = /(?:^|,)type:([^,]*)/.exec(text)?.[1];
  if (!type) throw flagError(FLAG, 'type must be specified');
  const allowed = PARAMS[type];
  if (!allowed) throw flagError(FLAG, `type ${type} is not supported by Vireo (supported: ${Object.keys(PARAMS).join(', ')})`);
  const p = splitParams(FLAG, text, allowed);
  const size = p.has('size') ? quantityParam(FLAG, 'size', p.get('size') ?? '') : undefined;
  return { metadata: { name: p.get('name') || `imported-volume-${randomSuffix()}` }, spec: specOf(type, p, size) };
}
