// Container image references → directories of the node's local image store. `host/path/name:tag`
// (tag default `latest`, `@sha256:…` digests allowed) maps to `<imageDir>/<host>/<path>/<name>/<tag>/`.
// Docker Hub short names are normalised the way docker does (`cirros` → docker.io/library/cirros).
import { join } from 'node:path';
import { VmiFailure } from '../vmi-failure.ts';

export interface ImageRef {
  repository: string;
  /** A tag, or a digest like sha256:abc… */
  version: string;
}

const COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let version = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    version = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(version)) throw new VmiFailure('InvalidImageName', `containerDisk image "${ref}": invalid digest "${version}"`);
  } else {
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > slash) {
      version = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length === 1 || !(first.includes('.') || first.includes(':') || first === 'localhost')) {
    parts.unshift('docker.io');
    if (parts.length === 2) parts.splice(1, 0, 'library');
  }
  const [host, ...path] = parts;
  const bad = path.find((p) => !COMPONENT.test(p));
  if (!host || path.length === 0 || bad !== undefined || !/^[A-Za-z0-9.:-]+$/.test(host) || !/^[\w][\w.:-]{0,127}$/.test(version)) {
    throw new VmiFailure('InvalidImageName', `containerDisk image "${ref}" is not a valid image reference`);
  }
  return { repository: [host, ...path].join('/'), version };
}

/** The store directory of one image version (a digest's ':' becomes '-' in the file name). */
export function imageDirOf(imageDir: string, ref: ImageRef): string {
  return join(imageDir, ref.repository, ref.version.replace(':', '-'));
}
