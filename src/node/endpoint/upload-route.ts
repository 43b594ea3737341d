// The node agent endpoint's upload path, shared by the agent (which receives the data into the
// claim's volume) and the API server (which proxies CDI's upload URLs to it). Pure strings.

/** How CDI's upload URLs differ: answer after validation (async) or after conversion, raw body or form. */
export interface UploadMode {
  async: boolean;
  form: boolean;
}

export interface UploadRoute extends UploadMode {
  namespace: string;
  name: string;
}

/** `/v1/namespaces/NS/pvcs/NAME/upload?async=1&form=1` */
export function uploadAgentPath(namespace: string, name: string, mode: UploadMode): string {
  const q = new URLSearchParams();
  if (mode.async) q.set('async', '1');
  if (mode.form) q.set('form', '1');
  const query = q.toString() ? `?${q.toString()}` : '';
  return `/v1/namespaces/${encodeURIComponent(namespace)}/pvcs/${encodeURIComponent(name)}/upload${query}`;
}

/** The upload route of a request URL, or undefined for any other path. */
export function parseUploadPath(url: string): UploadRoute | undefined {
  const u = new URL(url, 'http://agent');
  const m = /^\/v1\/namespaces\/([^/]+)\/pvcs\/([^/]+)\/upload$/.exec(u.pathname);
  if (!m) return undefined;
  try {
    return { namespace: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]), async: u.searchParams.has('async'), form: u.searchParams.has('form') };
  } catch {
    return undefined; // malformed %-escape: no such route
  }
}

/** CDI's upload proxy paths (v1beta1, and v1alpha1 for old clients) and what each means. */
export function cdiUploadMode(pathname: string): UploadMode | undefined {
  const m = /^\/v1(?:alpha1|beta1)\/upload(-form)?(-async)?\/?$/.exec(pathname);
  return m ? { form: m[1] !== undefined, async: m[2] !== undefined } : undefined;
}
