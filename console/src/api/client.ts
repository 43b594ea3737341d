// The console's one HTTP client: every request goes to the public API of the server that served the
// page, with the user's bearer token. Errors carry the API's Status message, never a bare code.
import type { KubeList, KubeObject, StatusBody, StatusCause } from './types.ts';

export class ApiRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
    /** The invalid fields of a 422 Invalid, to show next to the fields. */
    readonly causes: StatusCause[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The message of a failed response: the Status body's `message` when there is one. */
export async function errorFrom(res: Response): Promise<ApiRequestError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<StatusBody>;
    if (body && typeof body.message === 'string') {
      const causes = Array.isArray(body.details?.causes) ? body.details.causes : [];
      return new ApiRequestError(res.status, body.message, body.reason, causes);
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  return new ApiRequestError(res.status, text.trim() || `${res.status} ${res.statusText}`);
}

export class ApiClient {
  constructor(
    readonly token: string,
    private readonly base = '',
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...extra };
  }

  async request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const res = await this.fetchFn(this.base + path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await (await this.request('GET', path, undefined, signal)).json()) as T;
  }

  list<T extends KubeObject>(path: string, signal?: AbortSignal): Promise<KubeList<T>> {
    return this.get<KubeList<T>>(path, signal);
  }

  /** POSTs a new object to its collection; resolves with the object as stored. */
  async create<T extends KubeObject>(path: string, body: T): Promise<T> {
    return (await (await this.request('POST', path, body)).json()) as T;
  }

  /** A PATCH of the given type (JSON Patch, merge patch); resolves with the object as stored. */
  async patch<T>(path: string, body: unknown, contentType: 'application/json-patch+json' | 'application/merge-patch+json'): Promise<T> {
    const res = await this.fetchFn(this.base + path, { method: 'PATCH', headers: this.headers({ 'Content-Type': contentType }), body: JSON.stringify(body) });
    if (!res.ok) throw await errorFrom(res);
    return (await res.json()) as T;
  }

  /** A JSON merge patch (RFC 7386): `null` removes a key, as in moving a VM out of its folder. */
  mergePatch<T extends KubeObject>(path: string, patch: unknown): Promise<T> {
    return this.patch<T>(path, patch, 'application/merge-patch+json');
  }

  /** PUT to a subresource (VM and VMI actions answer 202 with an empty body). */
  async put(path: string, body: unknown = {}): Promise<void> {
    await this.request('PUT', path, body);
  }

  /** DELETEs an object (cancelling a migration is deleting it). */
  async delete(path: string): Promise<void> {
    await this.request('DELETE', path);
  }

  /** Opens a watch; the response body is newline-delimited JSON watch events. */
  watch(path: string, resourceVersion: string, signal: AbortSignal): Promise<Response> {
    const sep = path.includes('?') ? '&' : '?';
    return this.request('GET', `${path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}`, undefined, signal);
  }

  /** Checks the token against the server: resolves when it is accepted. */
  async verify(): Promise<void> {
    await this.get('/apis/kubevirt.io/v1');
  }
}
