// Image manifests as registries serve them: OCI and Docker v2 schema 2 manifests, and OCI indexes /
// Docker manifest lists from which the linux/amd64 image is chosen. Docker's schema 1 (signed,
// deprecated) is refused by name. Pure: bytes and media type in, a checked structure out.
import { ImportError } from '../errors.ts';
import { DIGEST } from './reference.ts';

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

/** The Accept header of a manifest request: every kind we can read. */
export const MANIFEST_ACCEPT = [MEDIA.ociManifest, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.dockerList].join(', ');

const INDEX_TYPES: readonly string[] = [MEDIA.ociIndex, MEDIA.dockerList];
const SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(pretty)?jws$|^application\/vnd\.docker\.distribution\.manifest\.v1\+json$/;

export interface Platform {
  os?: string;
  architecture?: string;
  variant?: string;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
}

export type ParsedManifest = { kind: 'image'; mediaType: string; layers: Descriptor[] } | { kind: 'index'; mediaType: string; manifests: Descriptor[] };

function descriptor(v: unknown, where: string): Descriptor {
  const d = v as Partial<Descriptor> | null;
  if (!d || typeof d !== 'object' || typeof d.digest !== 'string' || !DIGEST.test(d.digest)) {
    throw new ImportError(`${where}: a descriptor without a sha256 digest`);
  }
  if (d.size !== undefined && (typeof d.size !== 'number' || d.size < 0)) throw new ImportError(`${where}: descriptor ${d.digest} has an invalid size`);
  return { mediaType: d.mediaType, digest: d.digest, size: d.size, platform: d.platform };
}

/**
 * A manifest from its bytes. `contentType` is the response's Content-Type; the document's own
 * mediaType wins when present (registries sometimes answer with a generic type).
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined, where: string): ParsedManifest {
  let doc: { schemaVersion?: number; mediaType?: string; layers?: unknown; manifests?: unknown; fsLayers?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8')) as typeof doc;
  } catch (e) {
    throw new ImportError(`${where}: the manifest is not JSON (${(e as Error).message})`);
  }
  const mediaType = doc.mediaType ?? contentType?.split(';')[0]?.trim() ?? '';
  if (SCHEMA1.test(mediaType) || doc.schemaVersion === 1 || doc.fsLayers !== undefined) {
    throw new ImportError(`${where}: Docker schema 1 manifests are not supported; push the image again with a current tool (OCI or Docker v2 schema 2)`);
  }
  if (doc.schemaVersion !== 2) throw new ImportError(`${where}: unsupported manifest (schemaVersion ${String(doc.schemaVersion)}, media type ${mediaType || 'none'})`);
  if (INDEX_TYPES.includes(mediaType) || (Array.isArray(doc.manifests) && doc.layers === undefined)) {
    if (!Array.isArray(doc.manifests)) throw new ImportError(`${where}: the index has no manifests`);
    return { kind: 'index', mediaType: mediaType || MEDIA.ociIndex, manifests: doc.manifests.map((m) => descriptor(m, where)) };
  }
  if (!Array.isArray(doc.layers)) throw new ImportError(`${where}: the manifest (${mediaType || 'no media type'}) has no layers`);
  return { kind: 'image', mediaType: mediaType || MEDIA.ociManifest, layers: doc.layers.map((l) => descriptor(l, where)) };
}

const platformName = (p: Platform | undefined) => (p ? `${p.os ?? '?'}/${p.architecture ?? '?'}${p.variant ? `/${p.variant}` : ''}` : 'no platform');

/**
 * The linux/amd64 entry of an index; failing that, its only entry or the one without a platform
 * (single-image indexes written by some tools). Undefined when none fits.
 */
export function choosePlatform<D extends Descriptor>(list: readonly D[]): D | undefined {
  return (
    list.find((d) => d.platform?.architecture === 'amd64' && (d.platform.os ?? 'linux') === 'linux') ??
    (list.length === 1 ? list[0] : undefined) ??
    list.find((d) => !d.platform)
  );
}

export function pickFromIndex(index: Extract<ParsedManifest, { kind: 'index' }>, where: string): Descriptor {
  const chosen = choosePlatform(index.manifests);
  if (!chosen) throw new ImportError(`${where}: no linux/amd64 image in the index (it has ${index.manifests.map((m) => platformName(m.platform)).join(', ') || 'no entries'})`);
  return chosen;
}
