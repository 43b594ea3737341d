// A small Kubernetes client over HTTPS with a bearer token: the only way controllers, the node
// agent and the CLI reach state. Errors come back as ApiStatusError carrying the server's Status.
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../machinery/object.ts';
import type { Credentials } from './kubeconfig.ts';

export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

export interface Status {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field: string; message: string; reason: string }[] };
}

export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    readonly status: Status,
  ) {
    super(status.message ?? `HTTP ${code}`);
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export interface ListResponse<T extends KubeObject = KubeObject> {
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

export interface WatchEventOf<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export function resourcePath(r: ResourceRef, namespace?: string, name?: string, sub?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`;
}

export class KubeClient {
  private agent: Agent;
  /** Long-lived watches get their own unpooled connections so they never starve requests. */
  private watchAgent: Agent;
  readonly server: URL;

  constructor(readonly creds: Credentials) {
    this.server = new URL(creds.server);
    this.agent = new Agent({ keepAlive: true, ca: creds.caPem, rejectUnauthorized: !creds.insecure, maxSockets: 64 });
    this.watchAgent = new Agent({ keepAlive: false, ca: creds.caPem, rejectUnauthorized: !creds.insecure });
  }

  close(): void {
    this.agent.destroy();
    this.watchAgent.destroy();
  }

  private open(method: string, path: string, opts: RequestOptions, agent = this.agent): Promise<IncomingMessage> {
    const url = new URL(path, this.server);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent,
          signal: opts.signal,
          headers: {
            Accept: opts.accept ?? 'application/json',
            'User-Agent': 'vireo',
            ...(this.creds.token ? { Authorization: `Bearer ${this.creds.token}` } : {}),
            ...(body !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
          },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** One request, JSON in and out; non-2xx answers throw ApiStatusError. */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.open(method, path, opts);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) {
      let status: Status;
      try {
        status = JSON.parse(text) as Status;
      } catch {
        status = { message: text || `HTTP ${code}`, code };
      }
      throw new ApiStatusError(code, status);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T extends KubeObject>(r: ResourceRef, namespace: string | undefined, name: string): Promise<T> {
    return this.request<T>('GET', resourcePath(r, namespace, name));
  }

  async tryGet<T extends KubeObject>(r: ResourceRef, namespace: string | undefined, name: string): Promise<T | undefined> {
    try {
      return await this.get<T>(r, namespace, name);
    } catch (e) {
      if (e instanceof ApiStatusError && e.code === 404) return undefined;
      throw e;
    }
  }

  list<T extends KubeObject>(r: ResourceRef, namespace?: string, query: RequestOptions['query'] = {}): Promise<ListResponse<T>> {
    return this.request<ListResponse<T>>('GET', resourcePath(r, namespace), { query });
  }

  create<T extends KubeObject>(r: ResourceRef, namespace: string | undefined, obj: KubeObject): Promise<T> {
    return this.request<T>('POST', resourcePath(r, namespace), { body: obj, query: { fieldManager: 'vireo' } });
  }

  update<T extends KubeObject>(r: ResourceRef, obj: KubeObject): Promise<T> {
    return this.request<T>('PUT', resourcePath(r, obj.metadata.namespace, obj.metadata.name), { body: obj, query: { fieldManager: 'vireo' } });
  }

  updateStatus<T extends KubeObject>(r: ResourceRef, obj: KubeObject): Promise<T> {
    return this.request<T>('PUT', resourcePath(r, obj.metadata.namespace, obj.metadata.name, 'status'), { body: obj, query: { fieldManager: 'vireo' } });
  }

  /** Merge patch (RFC 7386) of the main resource or a subresource. */
  mergePatch<T extends KubeObject>(r: ResourceRef, namespace: string | undefined, name: string, patch: unknown, sub?: string): Promise<T> {
    return this.request<T>('PATCH', resourcePath(r, namespace, name, sub), {
      body: patch,
      contentType: 'application/merge-patch+json',
      query: { fieldManager: 'vireo' },
    });
  }

  delete<T extends KubeObject>(r: ResourceRef, namespace: string | undefined, name: string, opts: { propagationPolicy?: string; preconditions?: { uid?: string } } = {}): Promise<T> {
    return this.request<T>('DELETE', resourcePath(r, namespace, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', ...opts } });
  }

  /**
   * Streams watch events after `resourceVersion` until the server ends the stream or `signal`
   * aborts. Throws ApiStatusError for a non-200 answer.
   */
  async *watch<T extends KubeObject>(path: string, resourceVersion: string, opts: { signal?: AbortSignal; query?: RequestOptions['query'] } = {}): AsyncGenerator<WatchEventOf<T>> {
    const res = await this.open('GET', path, {
      signal: opts.signal,
      query: { watch: true, resourceVersion, allowWatchBookmarks: true, ...(opts.query ?? {}) },
    }, this.watchAgent);
    if (res.statusCode !== 200) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      let status: Status;
      try {
        status = JSON.parse(Buffer.concat(chunks).toString()) as Status;
      } catch {
        status = { message: `HTTP ${res.statusCode}` };
      }
      throw new ApiStatusError(res.statusCode ?? 0, status);
    }
    let buf = '';
    try {
      for await (const chunk of res) {
        buf += (chunk as Buffer).toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) yield JSON.parse(line) as WatchEventOf<T>;
        }
      }
    } catch (e) {
      if (opts.signal?.aborted) return;
      throw e;
    }
  }
}
