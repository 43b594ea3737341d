// Splits a Kubernetes API path into group, version, namespace, resource, name and subresource.

export interface ApiPath {
  group: string;
  version: string;
  namespace?: string;
  plural?: string;
  name?: string;
  subresource?: string;
}

/**
 * `isPlural(group, version, seg)` says whether a segment names a resource of that group-version;
 * it resolves `/api/v1/namespaces/X/status` (a namespace subresource) against
 * `/api/v1/namespaces/X/pods` (pods in namespace X).
 */
export function parseApiPath(pathname: string, isPlural: (g: string, v: string, seg: string) => boolean): ApiPath | undefined {
  const segs = pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segs[0] === 'api') {
    group = '';
    rest = segs.slice(1);
  } else if (segs[0] === 'apis') {
    if (segs.length < 3) return undefined;
    group = segs[1];
    rest = segs.slice(2);
  } else return undefined;
  const version = rest[0];
  if (!version) return undefined;
  const r = rest.slice(1);
  if (r.length === 0) return { group, version };
  if (r[0] === 'namespaces' && r.length >= 3 && isPlural(group, version, r[2])) {
    return { group, version, namespace: r[1], plural: r[2], name: r[3], subresource: r.slice(4).join('/') || undefined };
  }
  return { group, version, plural: r[0], name: r[1], subresource: r.slice(2).join('/') || undefined };
}
