// `vireo containerdisk push FILE IMAGE_REF`: builds a KubeVirt containerDisk from a local qcow2 or
// raw file and pushes it to an OCI registry, so a user needs no container tooling. Trust and
// credentials follow podman's flags (--insecure, --ca-file, --username with --password-stdin);
// the password is only ever read from standard input, never from the command line.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseQuantity } from '../api/common/quantity.ts';
import { RegistryClient } from '../importer/registry/client.ts';
import { pushContainerDisk, type PushedImage } from '../importer/registry/push.ts';
import { formatReference, parseReference } from '../importer/registry/reference.ts';
import { readLocalDisk } from './containerdisk-file.ts';
import { formatBytes, uploadBar } from './upload-progress.ts';

interface PushFlags {
  insecure?: boolean;
  username?: string;
  passwordStdin?: boolean;
  caFile?: string;
  chunkSize: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function credentials(o: PushFlags): Promise<{ user: string; password: string } | undefined> {
  if (!o.username && !o.passwordStdin) return undefined;
  if (!o.username) throw new Error('--password-stdin needs --username');
  if (!o.passwordStdin) throw new Error('--username needs --password-stdin (the password is read from standard input)');
  // `echo pw | …` and `… < file` end the password with a newline that is not part of it.
  const password = (await readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new Error('--password-stdin: standard input was empty');
  return { user: o.username, password };
}

function caBundle(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--ca-file ${file}: ${(e as Error).message}`, { cause: e });
  }
}

function chunkBytes(v: string): number {
  let n: number;
  try {
    n = parseQuantity(v);
  } catch {
    n = NaN;
  }
  if (!Number.isSafeInteger(n) || n < 1 << 20) throw new Error(`--chunk-size must be a size of at least 1Mi (e.g. 32Mi), not "${v}"`);
  return n;
}

async function push(file: string, ref: string, o: PushFlags): Promise<void> {
  const target = parseReference(ref.replace(/^docker:\/\//, ''));
  const chunkSize = chunkBytes(o.chunkSize);
  const creds = await credentials(o);
  const disk = await readLocalDisk(file);
  const client = new RegistryClient({
    host: target.host,
    insecure: !!o.insecure,
    caBundle: caBundle(o.caFile),
    credentials: creds,
    hints: {
      credentials: 'pass --username and the password on standard input with --password-stdin',
      trust: "pass the registry's CA with --ca-file, or --insecure to skip verification",
      plainHttp: 'pass --insecure to push to a registry without TLS',
    },
  });
  const label = formatReference(target);
  console.log(`Pushing ${file} (${disk.format}, virtual size ${formatBytes(disk.virtualSize)}) to ${label} as /disk/${disk.name}`);
  // The bar starts with the first disk bytes read, i.e. once the registry has accepted the upload
  // (trust and credentials checked), so a refusal is not preceded by an empty bar.
  const bar = uploadBar(process.stdout);
  let started = false;
  const onProgress = (n: number) => {
    if (!started) bar.start(disk.size, 0);
    started = true;
    bar.update(n);
  };
  let pushed: PushedImage;
  try {
    pushed = await pushContainerDisk(client, target, disk, { chunkSize, onProgress });
  } finally {
    if (started) bar.stop();
  }
  console.log(`Pushed ${label} (layer ${formatBytes(pushed.layerSize)}): ${target.host}/${target.repository}@${pushed.digest}`);
}

export function registerContainerDisk(program: Command): void {
  const cd = program.command('containerdisk').description('container disks: VM disks as OCI images in a registry');
  cd.command('push')
    .description('build a containerDisk (the disk under /disk/, owned 107:107) from a local qcow2 or raw file and push it to a registry')
    .argument('<file>', 'the local qcow2 or raw disk image')
    .argument('<image>', 'where to push it: host[:port]/repository[:tag] (docker:// accepted)')
    .option('--insecure', "don't verify the registry's TLS certificate, and allow plain HTTP")
    .option('--ca-file <file>', "PEM CA bundle to trust for the registry's certificate (besides the system's)")
    .option('--username <user>', 'registry user name')
    .option('--password-stdin', 'read the registry password from standard input')
    .option('--chunk-size <size>', 'bytes per upload request', '32Mi')
    .action((file: string, image: string, o: PushFlags) => push(file, image, o));
}
