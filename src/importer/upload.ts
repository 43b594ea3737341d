// A DataVolume's `upload` source, in the two steps CDI's upload server takes: receive (the body
// streamed into the volume's scratch file, decompressed by content, then probed, size-checked and
// integrity-checked — the async upload answers after this) and complete (converted to raw and
// finalized, exactly like an http import). Only `*.tmp` files are touched until finalize renames
// the new disk.img into place, so an interrupted or refused upload leaves the volume as it was.
import { join } from 'node:path';
import { downloadTo, type ByteSource } from './download.ts';
import { describe } from './errors.ts';
import { clearScratch } from './finalize.ts';
import { SCRATCH, convertValidated, validateScratch, type ScratchImage, type Target } from './populate.ts';

export interface ReceivedUpload {
  scratch: string;
  image: ScratchImage;
}

/** Bytes received are the first 90% of the progress when the length is known. */
export async function receiveUpload(t: Target, src: ByteSource, source: string): Promise<ReceivedUpload> {
  await clearScratch(t.dir);
  const scratch = join(t.dir, SCRATCH);
  try {
    await downloadTo(src, scratch, source, (n) => {
      if (src.length) t.onProgress((Math.min(n, src.length) / src.length) * 0.9);
    });
    return { scratch, image: await validateScratch(t, scratch, source) };
  } catch (e) {
    await clearScratch(t.dir);
    throw describe(e, source);
  }
}

export async function completeUpload(t: Target, received: ReceivedUpload, source: string): Promise<void> {
  try {
    await convertValidated(t, received.scratch, received.image, source);
  } catch (e) {
    await clearScratch(t.dir);
    throw describe(e, source);
  }
}
