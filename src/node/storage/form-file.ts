// The image of CDI's upload-form URLs: the part named `file` of a multipart/form-data body (what
// a browser form or `curl -F file=@disk.qcow2` sends), streamed as it arrives. Other parts are
// read and dropped. A request cut off mid-part ends the part's stream with an `aborted` error,
// which the importer reports as a connection closed early.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { ImportError } from '../../importer/errors.ts';

const aborted = () => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

/**
 * Resolves with the `file` part's stream once it starts; rejects when the form has none. `body`
 * is the request's bytes (the request itself, or a stream it is piped through).
 */
export function formFile(req: IncomingMessage, body: Readable, source: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'];
    if (!type?.startsWith('multipart/form-data')) {
      reject(new ImportError(`${source}: an upload-form request must be multipart/form-data with the image in a part named "file" (got ${type ?? 'no Content-Type'})`));
      return;
    }
    let file: BusboyFileStream | undefined;
    const form = Busboy({ headers: { ...req.headers, 'content-type': type }, isPartAFile: (field, _type, name) => field === 'file' || name !== undefined });
    form.on('file', (field, stream) => {
      if (field !== 'file' || file) return void stream.resume();
      file = stream;
      resolve(stream);
    });
    form.on('finish', () => {
      if (!file) reject(new ImportError(`${source}: the form has no part named "file"`));
    });
    form.on('error', (e) => {
      const err = new ImportError(`${source}: malformed form data: ${(e as Error).message}`);
      if (file) file.destroy(err);
      else reject(err);
    });
    req.on('close', () => {
      if (req.complete) return;
      if (file) file.destroy(aborted());
      else reject(aborted());
    });
    body.pipe(form);
  });
}
