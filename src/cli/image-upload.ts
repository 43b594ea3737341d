// `vireo image-upload dv|pvc NAME --image-path=FILE [--size=SIZE] …`: virtctl's image-upload.
// Finds or creates the target, checks what it can of the image's size locally, waits until the
// node can receive, uploads with a progress bar and waits for the conversion, printing what
// virtctl prints at each step.
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { localVirtualSize, sizeProblem } from './image-size.ts';
import { parseKind, planUploadResource, type ResourceOptions } from './upload-resource.ts';
import { requestUploadToken, sendImage } from './upload-send.ts';
import { waitProcessed, waitUploadReady } from './upload-wait.ts';

interface UploadOptions extends ConnectionOptions, ResourceOptions {
  imagePath?: string;
  insecure?: boolean;
  uploadproxyUrl?: string;
  waitSecs: string;
  retry: string;
}

function count(flag: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a whole number, not "${v}"`);
  return Number(v);
}

/** The image file, or why it cannot be read (virtctl: "failed to open image file"). */
function imageFile(path: string | undefined): string {
  if (!path) throw new Error('--image-path is required: the local image file to upload');
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`failed to open image file ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { cause: e });
  }
  if (!isFile) throw new Error(`failed to open image file ${path}: not a regular file`);
  return path;
}

function proxyUrl(flag: string | undefined, server: string): URL {
  if (!flag) return new URL(server);
  return new URL(/^[a-z]+:\/\//i.test(flag) ? flag : `https://${flag}`);
}

async function run(kindArg: string, name: string, o: UploadOptions): Promise<void> {
  const kind = parseKind(kindArg);
  const file = imageFile(o.imagePath);
  const waitSecs = count('--wait-secs', o.waitSecs);
  const retries = count('--retry', o.retry);
  await withClient(o, async ({ client, creds, namespace }) => {
    const plan = await planUploadResource(client, namespace, kind, name, o);
    const virtual = await localVirtualSize(file);
    const problem = virtual !== undefined && plan.size ? sizeProblem(file, virtual, plan.size, plan.volumeMode) : undefined;
    if (problem) throw new Error(problem);
    await plan.create?.();
    await waitUploadReady(client, namespace, kind, name, { waitSecs, forceBind: !!o.forceBind });
    const proxy = proxyUrl(o.uploadproxyUrl, creds.server);
    console.log(`Uploading data to ${proxy.href.replace(/\/+$/, '')}`);
    const token = await requestUploadToken(client, namespace, name);
    await sendImage({ proxy, token, file, caPem: creds.caPem, insecure: !!o.insecure || !!creds.insecure, retries });
    console.log('Uploading data completed successfully, waiting for processing to complete, you can hit ctrl-c without interrupting the progress');
    await waitProcessed(client, namespace, kind, name);
    console.log(`Uploading ${file} completed successfully`);
  });
}

export function registerImageUpload(program: Command): void {
  withConnection(
    program
      .command('image-upload')
      .description('upload a local VM image (qcow2, raw, ISO, vmdk, vhd(x), vdi; gz/xz/zstd) to a DataVolume or PersistentVolumeClaim')
      .argument('<kind>', 'dv or pvc')
      .argument('<name>', 'the DataVolume or PersistentVolumeClaim'),
  )
    .option('--image-path <file>', 'path to the local VM image')
    .option('--size <size>', 'size of the DataVolume/PVC to create (e.g. 10Gi, 500Mi)')
    .option('--storage-class <name>', 'storage class of the PVC')
    .option('--access-mode <mode>', 'access mode of the PVC (ReadWriteOnce, ReadWriteMany)')
    .option('--volume-mode <mode>', 'volume mode of the PVC: block or filesystem')
    .option('--force-bind', 'bind the PVC now, ignoring WaitForFirstConsumer (Vireo binds upload targets at once anyway)')
    .option('--no-create', "don't create the DataVolume/PVC: upload into an existing one")
    .option('--insecure', "don't verify the upload proxy's TLS certificate")
    .option('--uploadproxy-url <url>', "the upload proxy's URL (default: the API server's)")
    .option('--wait-secs <n>', 'seconds to wait for the target to be ready for the upload', '300')
    .option('--retry <n>', 'times to resend the image after a dropped connection or a busy node', '5')
    .action((kind: string, name: string, o: UploadOptions) => run(kind, name, o));
}
