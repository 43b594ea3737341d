// Whether a directory's file system accepts O_DIRECT (tmpfs does not). It picks KubeVirt's
// default cache mode: `none` needs O_DIRECT, otherwise `writethrough`. One probe per directory,
// shared by concurrent starts (the promise is cached, the probe file name is unique).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const cache = new Map<string, Promise<boolean>>();

export function supportsDirectIO(dir: string): Promise<boolean> {
  let p = cache.get(dir);
  if (!p) {
    p = probe(dir);
    cache.set(dir, p);
    p.catch(() => cache.delete(dir)); // a failed probe is retried next time (and reported by the caller)
  }
  return p;
}

async function probe(dir: string): Promise<boolean> {
  const file = join(dir, `.directio-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(file, Buffer.alloc(4096));
  try {
    const fh = await open(file, constants.O_RDONLY | constants.O_DIRECT);
    await fh.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
    return false;
  } finally {
    await rm(file, { force: true });
  }
}
