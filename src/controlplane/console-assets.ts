// Serves the built web console (console/dist) for every non-API path of the API server: files by
// path, anything else (a client-side route) as index.html. Hashed assets are cached for good, the
// page itself never. Without a build it says how to make one rather than a bare 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const SECURITY = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** The file under `dist` for a URL path, or undefined when there is none (or it escapes dist). */
export function resolveAsset(dist: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(dist, decoded));
  if (file !== dist && !file.startsWith(dist.endsWith(sep) ? dist : dist + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export function consoleHandler(dist: string = CONSOLE_DIST): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'https://vireo').pathname;
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY });
      res.end(req.method === 'HEAD' ? undefined : 'The web console is not built: run `bash scripts/setup.sh` (or `bash console/build.sh`).\n');
      return true;
    }
    const asset = resolveAsset(dist, path);
    // A missing file with an extension (a stale hashed asset) is a 404, not the page.
    if (!asset && path.startsWith('/assets/')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY });
      res.end(req.method === 'HEAD' ? undefined : 'not found\n');
      return true;
    }
    const file = asset ?? index;
    const body = readFileSync(file);
    const immutable = file !== index && path.startsWith('/assets/');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
