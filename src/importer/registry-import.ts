// A DataVolume's `registry` source (`docker://host[:port]/repo:tag`): the containerDisk's disk is
// pulled straight out of its layer into the volume's scratch file (layer bytes are 90% of the
// progress), then converted exactly like an http import. A failure leaves no disk.img.
import { join } from 'node:path';
import { describe } from './errors.ts';
import { clearVolume } from './finalize.ts';
import { SCRATCH, convertScratch, type Target } from './populate.ts';
import { RegistryClient, type RegistryAccess } from './registry/client.ts';
import { extractDisk, resolveImage } from './registry/pull.ts';
import { parseDockerUrl } from './registry/reference.ts';

export interface RegistrySourceOptions {
  url: string;
  access: Omit<RegistryAccess, 'host'>;
}

export async function importRegistry(t: Target, src: RegistrySourceOptions): Promise<void> {
  await clearVolume(t.dir);
  const scratch = join(t.dir, SCRATCH);
  try {
    const ref = parseDockerUrl(src.url);
    const client = new RegistryClient({ ...src.access, host: ref.host });
    const image = await resolveImage(client, ref);
    await extractDisk(client, ref, image, scratch, { onProgress: (f) => t.onProgress(f * 0.9) });
    await convertScratch(t, scratch, src.url);
  } catch (e) {
    await clearVolume(t.dir);
    throw describe(e, src.url);
  }
}
