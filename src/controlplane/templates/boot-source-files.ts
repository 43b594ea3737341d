// Serves the boot source disks the control plane ships (today the tiny Linux guest built at
// set-up) over the API server's own HTTPS port, at /boot-sources/<name>.qcow2, so a DataVolume can
// import them like any http source: the node agent's importer streams them with real progress, and
// an agent on another host reaches them at the same address it already uses for the API.
//
// Unauthenticated on purpose, like the console's assets: the importer speaks http(s) with basic
// auth only (no bearer tokens), and what is served is the project's own public test guest — no
// secrets. Only the files named here are served, never a path taken from the request.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const BOOT_SOURCE_PATH = '/boot-sources/';

export type RootHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The URL path a boot source is served at. */
export function bootSourcePath(name: string): string {
  return `${BOOT_SOURCE_PATH}${name}.qcow2`;
}

/** Serves `files` (boot source name → qcow2 path); any other path goes to `next`. */
export function bootSourceFiles(files: Record<string, string>, next: RootHandler): RootHandler {
  const byPath = new Map(Object.entries(files).map(([name, file]) => [bootSourcePath(name), file]));
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'https://vireo').pathname;
    const file = byPath.get(path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next(req, res);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : `boot source ${path} is not built: run scripts/setup.sh\n`);
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    const stream = createReadStream(file);
    // A read error after the headers went out can only cut the body short; the importer then
    // reports a truncated image, which is the visible failure.
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
    return true;
  };
}
