// Async wrappers over qemu-img. Failures throw QemuImgError whose message carries qemu-img's
// stderr on one line, so it can go straight into a condition or an event.
import { execFile, spawn } from 'node:child_process';

export class QemuImgError extends Error {
  readonly stderr: string;
  constructor(op: string, stderr: string) {
    const line = stderr.replace(/\s*\n\s*/g, ' ').trim();
    super(`qemu-img ${op} failed: ${line || 'no output'}`);
    this.name = 'QemuImgError';
    this.stderr = stderr;
  }
}

export interface ImageInfo {
  format: string;
  virtualSize: number;
  actualSize?: number;
  backingFilename?: string;
  backingFormat?: string;
}

function qemuImg(op: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('qemu-img', args, { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new QemuImgError(op, stderr || err.message));
      else resolve(stdout);
    });
  });
}

/** Format, virtual size and backing of an image (format probed: qcow2, raw, vmdk, vdi, vpc, vhdx…). */
export async function info(path: string): Promise<ImageInfo> {
  const raw = JSON.parse(await qemuImg('info', ['info', '--output=json', path])) as Record<string, unknown>;
  return {
    format: raw['format'] as string,
    virtualSize: raw['virtual-size'] as number,
    actualSize: raw['actual-size'] as number | undefined,
    backingFilename: raw['backing-filename'] as string | undefined,
    backingFormat: raw['backing-filename-format'] as string | undefined,
  };
}

export async function create(path: string, format: 'qcow2' | 'raw', sizeBytes: number): Promise<void> {
  await qemuImg('create', ['create', '-q', '-f', format, path, String(sizeBytes)]);
}

/** A qcow2 overlay whose reads fall through to `backing` (which is never written). */
export async function createOverlay(path: string, backing: string, backingFormat: 'qcow2' | 'raw'): Promise<void> {
  await qemuImg('create', ['create', '-q', '-f', 'qcow2', '-b', backing, '-F', backingFormat, path]);
}

/** Grows (or with `shrink`, shrinks) an image to sizeBytes. */
export async function resize(path: string, sizeBytes: number, opts: { format?: string; shrink?: boolean } = {}): Promise<void> {
  const args = ['resize', '-q'];
  if (opts.format) args.push('-f', opts.format);
  if (opts.shrink) args.push('--shrink');
  await qemuImg('resize', [...args, path, String(sizeBytes)]);
}

export interface ConvertOptions {
  /** Called with 0–100 as qemu-img reports progress (`-p`). */
  progress?: (percent: number) => void;
  /** Source format; probed when absent. */
  inFormat?: string;
}

export function convert(src: string, dst: string, outFormat: 'qcow2' | 'raw', opts: ConvertOptions = {}): Promise<void> {
  const args = ['convert', '-O', outFormat];
  if (opts.inFormat) args.push('-f', opts.inFormat);
  if (opts.progress) args.push('-p');
  args.push(src, dst);
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-img', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let out = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // -p writes "    (12.34/100%)\r" updates to stdout.
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const parts = out.split(/[\r\n]/);
      out = parts.pop() ?? '';
      for (const p of parts) {
        const m = /\(([\d.]+)\/100%\)/.exec(p);
        if (m) opts.progress?.(Number(m[1]));
      }
    });
    child.on('error', (e) => reject(new QemuImgError('convert', e.message)));
    child.on('close', (code) => {
      const m = /\(([\d.]+)\/100%\)/.exec(out);
      if (m) opts.progress?.(Number(m[1]));
      if (code === 0) resolve();
      else reject(new QemuImgError('convert', stderr));
    });
  });
}
