// A real OCI registry for tests: Debian's docker-registry (CNCF distribution 2.8) serving on a free
// loopback port from its own config and temp storage (never the system service's), plain HTTP or
// TLS with a CA generated for it, optionally with htpasswd basic auth (bcrypt by apache2-utils'
// htpasswd). It dies with the test process (pdeathsig) and keeps its access log, so tests can count
// the requests a pull made.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTls } from '../../src/apiserver/tls.ts';

export interface RegistryAuth {
  user: string;
  password: string;
}

export interface TestRegistry {
  /** 127.0.0.1:PORT, as image references name it. */
  host: string;
  /** http(s)://host */
  url: string;
  /** The CA that signed the TLS registry's certificate. */
  caPem?: string;
  auth?: RegistryAuth;
  /** "GET /v2/…" lines of every request served so far, from the access log. */
  requests(): string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Status of GET /v2/, or undefined while nothing answers. */
function ping(url: string, caPem: string | undefined): Promise<number | undefined> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(`${url}/v2/`, { ca: caPem, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startRegistry(opts: { tls?: boolean; auth?: RegistryAuth } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'vireo-registry-'));
  const tls = opts.tls ? ensureTls(dir, ['127.0.0.1']) : undefined;
  if (opts.auth) writeFileSync(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', opts.auth.user, opts.auth.password]));
  try {
    // The port is free when picked but may be taken before the registry binds it: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = {
        version: '0.1',
        log: { level: 'info', formatter: 'text', accesslog: { disabled: false } },
        storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
        http: { addr: `127.0.0.1:${port}`, secret: 'vireo-test', ...(tls ? { tls: { certificate: join(dir, 'pki/apiserver.crt'), key: join(dir, 'pki/apiserver.key') } } : {}) },
        ...(opts.auth ? { auth: { htpasswd: { realm: 'vireo-test', path: join(dir, 'htpasswd') } } } : {}),
      };
      // JSON is YAML: the registry reads it as its config file.
      writeFileSync(join(dir, 'config.yml'), JSON.stringify(config));
      const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', 'docker-registry', 'serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout!.setEncoding('utf8').on('data', (s: string) => (log += s));
      child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));
      const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      let status: number | undefined;
      while (status === undefined && child.exitCode === null && Date.now() < deadline) {
        status = await ping(url, tls?.caPem);
        if (status === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      if (status === 200 || status === 401) {
        return {
          host: `127.0.0.1:${port}`,
          url,
          caPem: tls?.caPem,
          auth: opts.auth,
          requests: () => [...log.matchAll(/"((?:GET|HEAD|PUT|POST|PATCH|DELETE) \S+) HTTP\/[\d.]+"/g)].map((m) => m[1]!),
          async stop() {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill('SIGTERM');
              const t = setTimeout(() => child.kill('SIGKILL'), 5000);
              await exited(child);
              clearTimeout(t);
            }
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited(child);
      if (attempt === 3 || !/address already in use/.test(log)) throw new Error(`docker-registry did not start on ${url} (status ${status ?? 'none'}): ${log.trim().split('\n').slice(-3).join(' | ')}`);
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
