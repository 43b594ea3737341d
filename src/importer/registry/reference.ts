// Image references as docker and CDI read them: `host[:port]/path/name[:tag|@sha256:…]`, tag
// `latest` by default, Docker Hub short names normalised (`cirros` → docker.io/library/cirros).
// Also CDI's `docker://` registry URLs, and which insecureRegistries entry a reference matches.

export interface ImageReference {
  /** host[:port] as written (docker.io for Docker Hub). */
  host: string;
  /** The repository path inside the registry, e.g. `library/cirros`. */
  repository: string;
  /** A tag, or a digest like sha256:abc… */
  reference: string;
}

export class InvalidReference extends Error {
  constructor(
    readonly ref: string,
    /** What is wrong beyond "not a valid reference", if something specific is. */
    readonly detail?: string,
  ) {
    super(detail ? `image reference "${ref}": ${detail}` : `"${ref}" is not a valid image reference`);
    this.name = 'InvalidReference';
  }
}

const COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9.:-]+$/;
const TAG = /^[\w][\w.:-]{0,127}$/;
export const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function parseReference(ref: string): ImageReference {
  let rest = ref.trim();
  let reference = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(reference)) throw new InvalidReference(ref, `invalid digest "${reference}"`);
  } else {
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > slash) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  // Like docker: the first component is a registry only if it looks like a host.
  if (parts.length === 1 || !(first.includes('.') || first.includes(':') || first === 'localhost')) {
    parts.unshift('docker.io');
    if (parts.length === 2) parts.splice(1, 0, 'library');
  }
  const [host, ...path] = parts;
  if (!host || path.length === 0 || path.some((p) => !COMPONENT.test(p)) || !HOST.test(host) || !TAG.test(reference)) throw new InvalidReference(ref);
  return { host, repository: path.join('/'), reference };
}

/** CDI's `docker://REFERENCE` registry URL. */
export function parseDockerUrl(url: string): ImageReference {
  const m = /^docker:\/\/(.+)$/.exec(url.trim());
  if (!m) throw new InvalidReference(url, 'a registry URL must start with docker://');
  return parseReference(m[1]!);
}

export const formatReference = (r: ImageReference): string => `${r.host}/${r.repository}${DIGEST.test(r.reference) ? '@' : ':'}${r.reference}`;

/** Where the registry API of a host is served: Docker Hub's API lives on its own name. */
export const apiHost = (host: string): string => (host === 'docker.io' ? 'registry-1.docker.io' : host);

/** insecureRegistries entries are host[:port] and match the reference's host exactly, as in CDI. */
export function isInsecureRegistry(host: string, entries: readonly string[]): boolean {
  const norm = (h: string) => h.trim().toLowerCase();
  return entries.some((e) => norm(e) === norm(host));
}
