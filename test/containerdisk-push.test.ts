// End to end for `vireo containerdisk push`: the tiny test guest's qcow2 pushed with the CLI to
// Debian's docker-registry — plain HTTP with --insecure (in 1 MiB upload chunks), and TLS with
// htpasswd auth through --ca-file, --username and --password-stdin — then booted from both ends a
// user has: a VM whose containerDisk names the pushed image, and a VM on a DataVolume imported
// from it with a `registry` source. Each prints the guest's marker on its serial console. A wrong
// password or an untrusted registry is refused in one line with a failing exit code.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataVolume } from '../src/api/cdi/datavolume.ts';
import type { PersistentVolume } from '../src/api/core/pv.ts';
import type { PersistentVolumeClaim } from '../src/api/core/pvc.ts';
import { HCO_NAME, HCO_NAMESPACE } from '../src/api/hco/hyperconverged.ts';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { startRegistry, type TestRegistry } from './support/registry.ts';
import { guestDir, repo, waitFor } from './support/vm-e2e.ts';

const NS = 'default';
const AUTH = { user: 'pusher', password: 'push-s3cret' };
const MiB = 1024 * 1024;

let tcp: TestControlPlane;
let plain: TestRegistry;
let secure: TestRegistry;
let files: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `bin/vireo ARGS` with `input` on its standard input. */
function vireo(args: string[], input = ''): Promise<Run> {
  const child = spawn(join(repo, 'bin/vireo'), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const secureFlags = () => ['--ca-file', join(files, 'ca.pem'), '--username', AUTH.user, '--password-stdin'];

async function pushed(run: Promise<Run>, image: string): Promise<string> {
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /[\d.]+ MiB \/ [\d.]+ MiB \[=+\] 100\.00%/, 'a finished progress bar');
  const digest = new RegExp(`Pushed ${image.replace(/[.:]/g, '\\$&')} \\(layer [\\d.]+ MiB\\): (\\S+@sha256:[0-9a-f]{64})`).exec(r.stdout);
  assert.ok(digest, r.stdout);
  return digest[1]!;
}

function vm(name: string, volume: Record<string, unknown>, dataVolumeTemplates?: unknown[]): KubeObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy: 'Once',
      ...(dataVolumeTemplates ? { dataVolumeTemplates } : {}),
      template: {
        spec: {
          terminationGracePeriodSeconds: 0,
          domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
          volumes: [{ name: 'root', ...volume }],
        },
      },
    },
  } as KubeObject;
}

async function bootsToMarker(name: string): Promise<void> {
  const vmi = await waitFor(`VMI ${name} to run or fail`, 240_000, async () => {
    const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
    return v?.status?.phase === 'Running' || v?.status?.phase === 'Failed' ? v : undefined;
  }, 250);
  assert.equal(vmi.status?.phase, 'Running', JSON.stringify(vmi.status?.conditions));
  const log = join(tcp.dataDir, 'vmis', vmi.metadata.uid!, 'serial.log');
  await waitFor(`VIREO-GUEST-READY on ${name}'s serial console`, 120_000, () => existsSync(log) && /VIREO-GUEST-READY/.test(readFileSync(log, 'latin1')), 500);
}

before(async () => {
  execFileSync('bash', [join(repo, 'scripts/guest/build-test-guest.sh'), guestDir], { timeout: 600_000 });
  files = mkdtempSync(join(tmpdir(), 'vireo-cdpush-'));
  copyFileSync(join(guestDir, 'disk.qcow2'), join(files, 'disk.qcow2'));
  execFileSync('qemu-img', ['convert', '-O', 'raw', join(files, 'disk.qcow2'), join(files, 'disk.raw')]);
  [plain, secure] = await Promise.all([startRegistry(), startRegistry({ tls: true, auth: AUTH })]);
  writeFileSync(join(files, 'ca.pem'), secure.caPem!);
  tcp = await startControlPlane({ agent: { accel: 'tcg' } });
  await tcp.client.create(R.configmaps, NS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'registry-ca', namespace: NS }, data: { 'ca.crt': secure.caPem! } });
  await tcp.client.create(R.secrets, NS, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'registry-secret', namespace: NS },
    data: { accessKeyId: Buffer.from(AUTH.user).toString('base64'), secretKey: Buffer.from(AUTH.password).toString('base64') },
  });
  await tcp.client.mergePatch(R.hyperconvergeds, HCO_NAMESPACE, HCO_NAME, { spec: { storageImport: { insecureRegistries: [plain.host] } } });
});

after(async () => {
  await tcp?.stop();
  await Promise.all([plain?.stop(), secure?.stop()]);
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('vireo containerdisk push', { timeout: 900_000 }, () => {
  it('refuses a wrong password, a missing --insecure and an untrusted CA in one line, exit code 1', async () => {
    const disk = join(files, 'disk.qcow2');
    const cases: [string[], string, RegExp][] = [
      [[disk, `${secure.host}/tiny:bad`, ...secureFlags()], 'wrong-password\n', /^error: .*tiny:bad: .*the registry refused the credentials/],
      [[disk, `${plain.host}/tiny:bad`], '', /^error: registry 127\.0\.0\.1:\d+ does not speak HTTPS .*pass --insecure/],
      [[disk, `${secure.host}/tiny:bad`, '--username', AUTH.user, '--password-stdin'], `${AUTH.password}\n`, /^error: TLS error from registry .*--ca-file/],
    ];
    for (const [args, input, pattern] of cases) {
      const r = await vireo(['containerdisk', 'push', ...args], input);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stdout, /Pushed/);
    }
  });

  it('pushes the guest disk and boots it as a containerDisk and through a registry DataVolume', async () => {
    const disk = join(files, 'disk.qcow2');
    // Plain HTTP in 1 MiB chunks (PATCH after PATCH), and TLS with basic auth in one upload.
    const [plainRef] = await Promise.all([
      pushed(vireo(['containerdisk', 'push', disk, `${plain.host}/tiny:pushed`, '--insecure', '--chunk-size', '1Mi']), `${plain.host}/tiny:pushed`),
      pushed(vireo(['containerdisk', 'push', disk, `${secure.host}/tiny:v1`, ...secureFlags()], `${AUTH.password}\n`), `${secure.host}/tiny:v1`),
    ]);

    const registrySource = { registry: { url: `docker://${secure.host}/tiny:v1`, secretRef: 'registry-secret', certConfigMap: 'registry-ca' } };
    const storage = { resources: { requests: { storage: '128Mi' } } };
    await tcp.client.create(R.vms, NS, vm('cd-pushed', { containerDisk: { image: plainRef } }));
    await tcp.client.create(R.vms, NS, vm('dv-pushed', { dataVolume: { name: 'dv-pushed-root' } }, [{ metadata: { name: 'dv-pushed-root' }, spec: { source: registrySource, storage } }]));
    // One more import no guest touches, to compare with the source byte for byte.
    await tcp.client.create(R.datavolumes, NS, { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'pushed-copy', namespace: NS }, spec: { source: registrySource, storage } } as DataVolume);
    await Promise.all([bootsToMarker('cd-pushed'), bootsToMarker('dv-pushed')]);

    const copy = await waitFor('DataVolume pushed-copy to finish', 120_000, async () => {
      const d = await tcp.client.tryGet<DataVolume>(R.datavolumes, NS, 'pushed-copy');
      return d?.status?.phase === 'Succeeded' || d?.status?.phase === 'Failed' ? d : undefined;
    }, 250);
    assert.equal(copy.status?.phase, 'Succeeded', JSON.stringify(copy.status?.conditions));
    const pvc = (await tcp.client.get<PersistentVolumeClaim>(R.pvcs, NS, 'pushed-copy')) as PersistentVolumeClaim;
    const pv = (await tcp.client.get<PersistentVolume>(R.pvs, undefined, pvc.spec!.volumeName!)) as PersistentVolume;
    const dir = pv.spec?.local?.path ?? pv.spec!.hostPath!.path;
    execFileSync('cmp', ['-n', String(64 * MiB), join(dir, 'disk.img'), join(files, 'disk.raw')]);
  });
});
