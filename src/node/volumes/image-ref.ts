// Container image references → directories of the node's local image store. `host/path/name:tag`
// (tag default `latest`, `@sha256:…` digests allowed) maps to `<imageDir>/<host>/<path>/<name>/<tag>/`.
// Parsing is the importer's (Docker Hub short names normalised: `cirros` → docker.io/library/cirros).
import { join } from 'node:path';
import { InvalidReference, parseReference, type ImageReference } from '../../importer/registry/reference.ts';
import { VmiFailure } from '../vmi-failure.ts';

export interface ImageRef {
  repository: string;
  /** A tag, or a digest like sha256:abc… */
  version: string;
}

/** The reference, or InvalidImageName naming what is wrong with it. */
export function parseContainerDiskRef(ref: string): ImageReference {
  try {
    return parseReference(ref);
  } catch (e) {
    if (!(e instanceof InvalidReference)) throw e;
    throw new VmiFailure('InvalidImageName', e.detail ? `containerDisk image "${ref}": ${e.detail}` : `containerDisk image "${ref}" is not a valid image reference`);
  }
}

export function parseImageRef(ref: string): ImageRef {
  const r = parseContainerDiskRef(ref);
  return { repository: `${r.host}/${r.repository}`, version: r.reference };
}

/** The store directory of one image version (a digest's ':' becomes '-' in the file name). */
export function imageDirOf(imageDir: string, ref: ImageRef): string {
  return join(imageDir, ref.repository, ref.version.replace(':', '-'));
}
