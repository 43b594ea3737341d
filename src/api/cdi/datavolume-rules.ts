// Admission rules of a DataVolumeSpec, in the order and with the messages of CDI's validating
// webhook (field paths use the JSON names, spec.pvc rather than CDI's spec.PVC). Exported for
// reuse on VirtualMachine.spec.dataVolumeTemplates[i].spec.
import type { FieldError } from '../../machinery/kind.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import type { DataVolumeSpec } from '../kubevirt/datavolume-spec.ts';
import { parseChecksum } from './checksum.ts';

const REGISTRY_SCHEMES = ['docker://', 'oci-archive://'];

function invalid(field: string, message: string): FieldError {
  return { field, message, reason: 'FieldValueInvalid' };
}

/** CDI's validateSourceURL: non-empty, parseable, http or https. */
export function sourceURLProblem(url: string): string | undefined {
  if (url === '') return 'source URL is empty';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Invalid source URL: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Invalid source URL scheme: ${url}`;
  return undefined;
}

function sizeProblem(size: string | number | undefined, path: string, name: 'PVC' | 'Storage', required: boolean): FieldError | undefined {
  if (size === undefined) return required ? invalid(path, `${name} size is missing`) : undefined;
  const bytes = tryParseQuantity(size);
  if (bytes === undefined) return invalid(path, `Invalid value: ${JSON.stringify(size)}: must be a quantity such as 10Gi or 512Mi`);
  if (bytes <= 0) return invalid(path, `${name} size can't be equal or less than zero`);
  return undefined;
}

function validateTarget(spec: DataVolumeSpec, base: string): FieldError[] {
  if (!spec.pvc && !spec.storage) return [invalid(`${base}.storage`, 'Missing Data volume PVC: set spec.storage (or spec.pvc)')];
  if (spec.pvc && spec.storage) return [invalid(`${base}.pvc`, 'Duplicate storage definition, both target storage and target pvc defined')];
  if (spec.pvc) {
    const size = sizeProblem(spec.pvc.resources?.requests?.storage, `${base}.pvc.resources.requests.storage`, 'PVC', true);
    if (size) return [size];
    if (!spec.pvc.accessModes?.length) return [invalid(`${base}.pvc.accessModes`, 'Required value: at least 1 access mode is required')];
    return [];
  }
  // storage may leave size and access modes to the platform (from the source or the StorageClass).
  const size = sizeProblem(spec.storage?.resources?.requests?.storage, `${base}.storage.resources.requests.storage`, 'Storage', false);
  return size ? [size] : [];
}

function validateSource(spec: DataVolumeSpec, base: string): FieldError[] {
  if (!spec.source === !spec.sourceRef) return [invalid(`${base}.source`, 'Data volume should have either Source or SourceRef')];
  if (spec.sourceRef) {
    if (spec.sourceRef.kind !== 'DataSource') {
      return [invalid(`${base}.sourceRef.kind`, `Unsupported sourceRef kind ${spec.sourceRef.kind}, currently only DataSource is supported`)];
    }
    return [];
  }
  const source = spec.source ?? {};
  const types = Object.entries(source).filter(([, v]) => v !== undefined && v !== null);
  if (types.length === 0) return [invalid(`${base}.source`, 'Missing Data volume source')];
  if (types.length > 1) return [invalid(`${base}.source`, 'Multiple Data volume sources')];

  for (const kind of ['http', 's3'] as const) {
    const src = source[kind];
    const problem = src && sourceURLProblem(src.url);
    if (problem) return [invalid(`${base}.source.${kind}.url`, problem)];
  }
  const checksum = source.http?.checksum;
  const parsed = checksum === undefined ? undefined : parseChecksum(checksum);
  if (typeof parsed === 'string') return [invalid(`${base}.source.http.checksum`, parsed)];
  if (source.blank && spec.contentType === 'archive') {
    return [invalid(`${base}.contentType`, 'SourceType cannot be blank and the contentType be archive')];
  }
  if (source.registry) {
    if (spec.contentType && spec.contentType !== 'kubevirt') return [invalid(`${base}.contentType`, 'ContentType must be kubevirt when Source is Registry')];
    const { url, imageStream } = source.registry;
    if (!url === !imageStream) return [invalid(`${base}.source.registry`, 'Source registry should have either URL or ImageStream')];
    if (url && !REGISTRY_SCHEMES.some((s) => url.startsWith(s) && url.length > s.length)) {
      return [invalid(`${base}.source.registry.url`, `Illegal registry source URL scheme ${url}: must start with docker:// or oci-archive://`)];
    }
  }
  return [];
}

/** Both rule groups run; each reports at most its first problem, as CDI does. */
export function validateDataVolumeSpec(spec: DataVolumeSpec | undefined, base = 'spec'): FieldError[] {
  if (!spec) return [{ field: base, message: 'Required value', reason: 'FieldValueRequired' }];
  return [...validateTarget(spec, base), ...validateSource(spec, base)];
}
