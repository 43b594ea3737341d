// A GET whose answer is not JSON (the console log): the body as bytes, or the server's Status
// as an ApiStatusError like every other call.
import { request } from 'node:https';
import { ApiStatusError, type Status } from '../client/client.ts';
import type { Connection } from './connection.ts';

export function getRaw(conn: Connection, path: string, query: Record<string, string>): Promise<Buffer> {
  const url = new URL(path, conn.creds.server);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: conn.creds.caPem,
        rejectUnauthorized: !conn.creds.insecure,
        headers: { Accept: 'text/plain, application/json', 'User-Agent': 'vireo', ...(conn.creds.token ? { Authorization: `Bearer ${conn.creds.token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) return resolve(body);
          let status: Status;
          try {
            status = JSON.parse(body.toString()) as Status;
          } catch {
            status = { message: body.toString() || `HTTP ${code}`, code };
          }
          reject(new ApiStatusError(code, status));
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
