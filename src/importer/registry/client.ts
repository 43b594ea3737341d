// A client of the OCI distribution API (v2) for one registry host: manifests and blobs to pull,
// and any request a push makes (push.ts), with the authentication the registry asks for in its
// 401 (Basic, or a Bearer token fetched from the realm it names), and the TLS rules of
// insecureRegistries: a listed registry is tried over HTTPS without verification and then over
// plain HTTP; any other must speak verified HTTPS. Every failure is an ImportError saying which
// registry, what, and what to change.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ImportError, describe, isTlsError } from '../errors.ts';
import { MANIFEST_ACCEPT } from './manifest.ts';
import { DIGEST, apiHost } from './reference.ts';
import { httpRequest, readBody, type Method, type TransportOptions } from './transport.ts';
import { parseWwwAuthenticate, type Challenge } from './www-authenticate.ts';

export interface RegistryAccess {
  /** host[:port] as the image reference names it. */
  host: string;
  /** Listed in HyperConverged insecureRegistries: unverified TLS, or plain HTTP. */
  insecure?: boolean;
  /** PEM CA bundle trusted in addition to the system's. */
  caBundle?: string;
  credentials?: { user: string; password: string };
  /** How the user supplies credentials / trust here, for messages (differs for DataVolumes, VMs and the CLI). */
  hints?: { credentials?: string; trust?: string; plainHttp?: string };
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

export interface FetchedManifest {
  bytes: Buffer;
  contentType: string | undefined;
  digest: string;
}

const MANIFEST_LIMIT = 4 << 20;

/** Node's error when a TLS client meets a plain HTTP server. */
const isPlainHttpAnswer = (e: unknown) => /wrong version number|packet length too long|http request/i.test((e as Error)?.message ?? '');

export class RegistryClient {
  private scheme: 'https:' | 'http:' | undefined;
  /** Authorization header per scope, once a challenge has been answered. */
  private auth = new Map<string, string>();

  constructor(private readonly a: RegistryAccess) {}

  private get credHint(): string {
    return this.a.hints?.credentials ?? 'supply credentials';
  }

  private get trustHint(): string {
    return this.a.hints?.trust ?? 'list the registry in HyperConverged spec.insecureRegistries to skip verification';
  }

  private transport(): TransportOptions {
    return {
      caBundle: this.a.caBundle,
      unverifiedOrigin: this.a.insecure ? `https://${apiHost(this.a.host)}` : undefined,
      signal: this.a.signal,
      idleTimeoutMs: this.a.idleTimeoutMs ?? 60_000,
    };
  }

  async manifest(repository: string, reference: string, label: string): Promise<FetchedManifest> {
    const res = await this.get(repository, `/v2/${repository}/manifests/${reference}`, { Accept: MANIFEST_ACCEPT }, label);
    const bytes = await readBody(res, MANIFEST_LIMIT, `manifest of ${label}`);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (DIGEST.test(reference) && digest !== reference) throw new ImportError(`${label}: the registry sent a manifest with digest ${digest}, not the ${reference} asked for`);
    return { bytes, contentType: res.headers['content-type'], digest };
  }

  /** A blob's body as a stream; the caller verifies its digest. */
  async blob(repository: string, digest: string, label: string): Promise<{ body: IncomingMessage; length: number | undefined }> {
    const res = await this.get(repository, `/v2/${repository}/blobs/${digest}`, {}, label);
    const len = Number(res.headers['content-length']);
    return { body: res, length: Number.isFinite(len) && len >= 0 ? len : undefined };
  }

  private get(repository: string, path: string, headers: Record<string, string>, label: string): Promise<IncomingMessage> {
    return this.call('GET', repository, path, { headers, label });
  }

  /**
   * One request about `repository`, answered with a 2xx (or thrown as a one-line ImportError); a
   * 401 is answered once with the credentials or token the challenge asks for, then repeated —
   * which is why a body is a Buffer. `push` asks for the pull,push scope.
   */
  async call(method: Method, repository: string, path: string, o: { headers?: Record<string, string>; body?: Buffer; push?: boolean; label: string }): Promise<IncomingMessage> {
    const scope = `repository:${repository}:${o.push ? 'pull,push' : 'pull'}`;
    for (let attempt = 0; ; attempt++) {
      const auth = this.auth.get(scope);
      const res = await this.send(method, path, { 'User-Agent': 'vireo-importer', ...o.headers, ...(auth ? { Authorization: auth } : {}) }, o.body);
      const code = res.statusCode ?? 0;
      if (code === 401 && attempt === 0) {
        res.resume();
        await this.authenticate(res.headers['www-authenticate'], scope);
        continue;
      }
      if (code >= 200 && code < 300) return res;
      throw await this.statusError(res, o.label, auth !== undefined);
    }
  }

  /** The first request decides the scheme; the client keeps it for the rest of the pull or push. */
  private async send(method: Method, path: string, headers: Record<string, string>, body?: Buffer): Promise<IncomingMessage> {
    const host = apiHost(this.a.host);
    if (this.scheme) return this.request(new URL(path, `${this.scheme}//${host}`), headers, method, body);
    try {
      const res = await httpRequest(method, new URL(path, `https://${host}`), headers, body, this.transport());
      this.scheme = 'https:';
      return res;
    } catch (e) {
      if (this.a.signal?.aborted) throw e;
      if (!this.a.insecure) {
        if (isPlainHttpAnswer(e)) {
          throw new ImportError(`registry ${this.a.host} does not speak HTTPS (it answered like a plain-HTTP server); ${this.a.hints?.plainHttp ?? 'a registry without TLS must be listed in HyperConverged spec.insecureRegistries'}`);
        }
        throw this.connectError(e);
      }
      // An insecure registry may be plain HTTP: try that before giving up, as CDI and podman do.
      try {
        const res = await httpRequest(method, new URL(path, `http://${host}`), headers, body, this.transport());
        this.scheme = 'http:';
        return res;
      } catch (e2) {
        throw new ImportError(`registry ${this.a.host} (insecure): neither HTTPS (${(e as Error).message}) nor HTTP answered: ${describe(e2, `http://${host}`).message}`);
      }
    }
  }

  private async request(url: URL, headers: Record<string, string>, method: Method = 'GET', body?: Buffer): Promise<IncomingMessage> {
    try {
      return await httpRequest(method, url, headers, body, this.transport());
    } catch (e) {
      throw this.connectError(e);
    }
  }

  private connectError(e: unknown): ImportError {
    if (e instanceof ImportError) return e;
    const err = e as NodeJS.ErrnoException;
    if (isTlsError(e)) return new ImportError(`TLS error from registry ${this.a.host}: ${err.message} (${err.code ?? 'tls'}); ${this.trustHint}`);
    return describe(e, `registry ${this.a.host}`);
  }

  private async authenticate(header: string | undefined, scope: string): Promise<void> {
    const challenges = parseWwwAuthenticate(header ?? '');
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const creds = this.a.credentials;
    if (bearer) {
      this.auth.set(scope, `Bearer ${await this.token(bearer, scope)}`);
      return;
    }
    if (!basic) throw new ImportError(`registry ${this.a.host} asks for an authentication scheme Vireo does not speak: ${header ?? '(no WWW-Authenticate header)'}`);
    if (!creds) throw new ImportError(`registry ${this.a.host}: unauthorized: the registry wants credentials; ${this.credHint}`);
    this.auth.set(scope, `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`);
  }

  /** Docker's token protocol: GET realm?service=…&scope=…, with Basic credentials when there are some. */
  private async token(c: Challenge, scope: string): Promise<string> {
    const realm = c.params.realm;
    if (!realm) throw new ImportError(`registry ${this.a.host}: its Bearer challenge names no realm`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new ImportError(`registry ${this.a.host}: its token realm "${realm}" is not a URL`);
    }
    if (c.params.service) url.searchParams.set('service', c.params.service);
    url.searchParams.set('scope', c.params.scope ?? scope);
    const creds = this.a.credentials;
    const headers: Record<string, string> = { 'User-Agent': 'vireo-importer', Accept: 'application/json' };
    if (creds) headers.Authorization = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
    const res = await this.request(url, headers);
    const code = res.statusCode ?? 0;
    const body = await readBody(res, 1 << 20, `token from ${url.origin}`);
    if (code === 401 || code === 403) {
      throw new ImportError(`registry ${this.a.host}: unauthorized: the token service ${url.origin} refused ${creds ? `the credentials; check them (${this.credHint})` : `anonymous access; ${this.credHint}`}`);
    }
    if (code < 200 || code >= 300) throw new ImportError(`registry ${this.a.host}: the token service ${url.origin} answered HTTP ${code}`);
    let doc: { token?: string; access_token?: string };
    try {
      doc = JSON.parse(body.toString('utf8')) as typeof doc;
    } catch {
      throw new ImportError(`registry ${this.a.host}: the token service ${url.origin} did not answer JSON`);
    }
    const token = doc.token ?? doc.access_token;
    if (!token) throw new ImportError(`registry ${this.a.host}: the token service ${url.origin} sent no token`);
    return token;
  }

  /** A non-2xx answer → one line with the registry's own error codes (MANIFEST_UNKNOWN, …). */
  private async statusError(res: IncomingMessage, label: string, authed: boolean): Promise<ImportError> {
    const code = res.statusCode ?? 0;
    let detail = '';
    try {
      const doc = JSON.parse((await readBody(res, 64 << 10, label)).toString('utf8')) as { errors?: { code?: string; message?: string }[] };
      detail = (doc.errors ?? []).map((e) => e.message ?? e.code ?? '').filter(Boolean).join('; ');
    } catch (e) {
      // Not the registry's JSON error document (a proxy's page, or a dropped body): the status says enough.
      if (!(e instanceof SyntaxError) && !(e instanceof ImportError)) detail = (e as Error).message;
    }
    const said = detail || `HTTP ${code} ${res.statusMessage ?? ''}`.trim();
    if (code === 401 || code === 403) {
      return new ImportError(`${label}: ${said}: ${authed && this.a.credentials ? `the registry refused the credentials (${this.credHint})` : `the registry wants credentials; ${this.credHint}`}`);
    }
    if (code === 404) return new ImportError(`${label}: ${detail || 'not found'}: no such repository, tag or digest in registry ${this.a.host}`);
    return new ImportError(`${label}: registry ${this.a.host} answered ${said}${detail ? ` (HTTP ${code})` : ''}`);
  }
}
