// Layer extraction: the disk under disk/ streamed out of plain, gzip and zstd tar layers written
// by GNU tar (ustar, GNU long names, pax), kept sparse; digest, truncation and format checks that
// leave no file behind.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ImportError } from '../errors.ts';
import { extractFromLayer } from './layer.ts';
import { parseNumeric } from './tar-entry.ts';

const root = mkdtempSync(join(tmpdir(), 'vireo-layer-'));
after(() => rmSync(root, { recursive: true, force: true }));

const MiB = 1 << 20;
/** 3 MiB: a marker, 2 MiB of zeros, another marker. */
const disk = Buffer.concat([Buffer.from('HEAD'.repeat(1024)), Buffer.alloc(2 * MiB), Buffer.from('TAIL'.repeat(1024)), Buffer.alloc(MiB - 8192)]);
const isDisk = (e: string) => /^disk\/[^/]+$/.test(e);
let n = 0;

/** A tar of `files` (path → content) made by GNU tar with `args`. */
function tarOf(files: Record<string, Buffer>, args: string[] = []): Buffer {
  const stage = mkdtempSync(join(root, 'stage-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(stage, p, '..'), { recursive: true });
    writeFileSync(join(stage, p), content);
  }
  return execFileSync('tar', ['-cf', '-', ...args, '-C', stage, ...Object.keys(files)], { maxBuffer: 64 * MiB });
}

const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function extract(blob: Buffer, opts: { digest?: string; size?: number; wanted?: (e: string) => boolean; chunk?: number; dest?: string } = {}) {
  const dest = opts.dest ?? join(root, `out-${n++}`);
  const chunk = opts.chunk ?? 7919; // odd chunks cross every header and block boundary
  const body = Readable.from((function* () {
    for (let i = 0; i < blob.length; i += chunk) yield blob.subarray(i, i + chunk);
  })());
  let last = 0;
  const entry = await extractFromLayer({ body, length: blob.length }, { digest: opts.digest ?? digest(blob), size: opts.size ?? blob.length }, dest, opts.wanted ?? isDisk, 'r/x:1', (b) => (last = b));
  return { entry, dest, last };
}

describe('layer extraction', () => {
  it('finds disk/ in a plain tar after other files, writes it whole and sparse, counts every byte', async () => {
    const blob = tarOf({ 'etc/motd': Buffer.from('hi'), 'disk/disk.img': disk });
    const { entry, dest, last } = await extract(blob);
    assert.equal(entry, 'disk/disk.img');
    assert.ok(readFileSync(dest).equals(disk));
    assert.ok(statSync(dest).blocks * 512 < 2 * MiB, 'the zero run is a hole');
    assert.equal(last, blob.length);
  });

  it('reads gzip and zstd layers, ./-prefixed names, GNU long names and pax headers', async () => {
    const plain = tarOf({ 'disk/disk.qcow2': disk });
    const gz = await extract(gzipSync(plain));
    assert.equal(gz.entry, 'disk/disk.qcow2');
    assert.ok(readFileSync(gz.dest).equals(disk));
    const zst = execFileSync('zstd', ['-q', '-c'], { input: plain, maxBuffer: 64 * MiB });
    assert.ok(readFileSync((await extract(zst)).dest).equals(disk));

    const long = `deep/${'d'.repeat(120)}/disk.img`;
    for (const format of ['gnu', 'pax']) {
      const blob = tarOf({ [long]: Buffer.from('long-name-disk'), 'disk/other.img': Buffer.from('x') }, [`--format=${format}`]);
      const r = await extract(blob, { wanted: (e) => e === long });
      assert.equal(r.entry, long, format);
      assert.equal(readFileSync(r.dest, 'utf8'), 'long-name-disk');
    }
    const prefixed = tarOf({ 'disk/disk.img': Buffer.from('dot') }, ['--transform', 's,^,./,']);
    assert.equal((await extract(prefixed)).entry, 'disk/disk.img');
  });

  it('returns undefined for a layer without the disk (and writes nothing)', async () => {
    const { entry, dest } = await extract(tarOf({ 'usr/bin/x': Buffer.from('x'), 'disk/sub/nested.img': Buffer.from('y') }));
    assert.equal(entry, undefined);
    assert.equal(existsSync(dest), false);
  });

  it('refuses a digest mismatch, a truncated blob, and bytes that are not a tar, leaving no file', async () => {
    const blob = gzipSync(tarOf({ 'disk/disk.img': disk }));
    const fails = async (b: Buffer, opts: Parameters<typeof extract>[1], re: RegExp) => {
      const dest = join(root, `failed-${n++}`);
      await assert.rejects(extract(b, { ...opts, dest }), (e: unknown) => e instanceof ImportError && re.test(e.message));
      assert.equal(existsSync(dest), false, `nothing left at ${dest}`);
    };
    await fails(blob, { digest: `sha256:${'0'.repeat(64)}` }, /r\/x:1: layer sha256:0+: digest mismatch/);
    await fails(blob.subarray(0, blob.length / 2), { digest: digest(blob), size: blob.length }, /truncated gzip data|connection closed after/);
    await fails(tarOf({ 'disk/disk.img': disk }).subarray(0, 600_000), {}, /tar archive truncated/);
    await fails(Buffer.from('<html>not a layer</html>'.repeat(40)), {}, /not a tar archive/);
  });

  it('reads octal and base-256 numeric fields', () => {
    assert.equal(parseNumeric(Buffer.from('00000001750\0')), 1000);
    const big = Buffer.alloc(12);
    big[0] = 0x80;
    big.writeUIntBE(10 * 2 ** 30, 6, 6);
    assert.equal(parseNumeric(big), 10 * 2 ** 30);
  });
});
