// spec.accessCredentials end to end with real QEMU under TCG: SSH public keys from a Secret reach
// the tiny guest. noCloud: the node agent adds them to the NoCloud ISO (the #cloud-config user-data's
// ssh_authorized_keys and meta-data public-keys); the guest's vireo-cidata installs them for root
// and prints "vireo-ssh-key COMMENT". qemuGuestAgent: the node agent calls
// guest-ssh-add-authorized-keys once the agent connects and again when the Secret changes; the
// guest's shell agent prints "vireo-qga-ssh-key USER COMMENT" and the VMI gets
// AccessCredentialsSynchronized=True. A Secret that does not exist fails the VMI naming it, and a
// noCloud credential without a NoCloud volume is refused at admission.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { ApiStatusError } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { NS, guestVm, serialLine, serialText, vmiInPhase, vmiRunning } from './support/guest-e2e.ts';
import { stageTinyImage, waitFor } from './support/vm-e2e.ts';

const BOOT_MS = 120_000;
const SECRET = 'ssh-keys';
const b64 = (s: string) => Buffer.from(s).toString('base64');

let tcp: TestControlPlane;
let keyDir: string;
/** Public keys by comment: real ed25519 keys, or fixed literals where ssh-keygen is missing. */
const keys: Record<string, string> = {};

function publicKey(comment: string): string {
  const path = join(keyDir, comment);
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
    return readFileSync(`${path}.pub`, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(comment).replace(/=/g, '').padEnd(43, 'A').slice(0, 43)} ${comment}`;
  }
}

async function putSecret(name: string, data: Record<string, string>, create = false): Promise<void> {
  const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: NS }, type: 'Opaque', data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) };
  if (create) await tcp.client.create(R.secrets, NS, body);
  else await tcp.client.mergePatch(R.secrets, NS, name, { data: body.data });
}

function sshVm(name: string, propagationMethod: Record<string, unknown>, secretName = SECRET, run: string[] = []): VirtualMachine {
  const vm = guestVm(name, { run });
  vm.spec!.template.spec.accessCredentials = [{ sshPublicKey: { source: { secret: { secretName } }, propagationMethod } }];
  return vm;
}

const condition = (v: VirtualMachineInstance | undefined, type: string) => v?.status?.conditions?.find((c) => c.type === type);

describe('accessCredentials SSH keys reach the guest (TCG)', { concurrency: true, timeout: 300_000 }, () => {
  before(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'vireo-ssh-keys-'));
    for (const c of ['vireo-key-one@test', 'vireo-key-two@test', 'vireo-key-three@test']) keys[c] = publicKey(c);
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    // Two values; the second also carries a comment line and a blank one, which are no keys.
    await putSecret(SECRET, { first: keys['vireo-key-one@test']!, more: `# laptop\n\n${keys['vireo-key-two@test']}\n` }, true);
  });
  after(async () => {
    await tcp?.stop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('noCloud: both keys are in the cloud-config user-data and in root\'s authorized_keys', async () => {
    const name = 'ssh-nocloud';
    await tcp.client.create(R.vms, NS, sshVm(name, { noCloud: {} }, SECRET, ['sed "s/^/vireo-ak /" /root/.ssh/authorized_keys']));
    const uid = (await vmiRunning(tcp.client, name, BOOT_MS)).metadata.uid!;
    await serialLine(tcp.dataDir, uid, /^vireo-ssh-key vireo-key-one@test$/m, BOOT_MS);
    await serialLine(tcp.dataDir, uid, /^vireo-ssh-key vireo-key-two@test$/m, 10_000);
    await serialLine(tcp.dataDir, uid, /^vireo-ak .*vireo-key-two@test$/m, 20_000);
    const text = serialText(tcp.dataDir, uid);
    const installed = [...text.matchAll(/^vireo-ak (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(installed, [keys['vireo-key-one@test'], keys['vireo-key-two@test']]);
    // The user's own user-data is still there, keys added to it as a list.
    const userData = text.slice(text.indexOf('vireo-userdata-begin'), text.indexOf('vireo-userdata-end'));
    assert.match(userData, /^#cloud-config\n#vireo-run: /m);
    assert.match(userData, new RegExp(`^ssh_authorized_keys:\\n  - ${keys['vireo-key-one@test']!.replace(/[+/]/g, '\\$&')}\\n  - ${keys['vireo-key-two@test']!.replace(/[+/]/g, '\\$&')}$`, 'm'));
    await tcp.client.delete(R.vms, NS, name);
  });

  it('qemuGuestAgent: keys pushed for root once the agent connects, again when the Secret changes; AccessCredentialsSynchronized=True', async () => {
    const name = 'ssh-qga';
    await tcp.client.create(R.vms, NS, sshVm(name, { qemuGuestAgent: { users: ['root'] } }));
    const uid = (await vmiRunning(tcp.client, name, BOOT_MS)).metadata.uid!;
    await serialLine(tcp.dataDir, uid, /^vireo-qga-ssh-key root vireo-key-one@test$/m, BOOT_MS);
    await serialLine(tcp.dataDir, uid, /^vireo-qga-ssh-key root vireo-key-two@test$/m, 10_000);
    const synced = await waitFor('AccessCredentialsSynchronized=True', 20_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
      return condition(v, 'AccessCredentialsSynchronized')?.status === 'True' ? v : undefined;
    }, 250);
    const c = condition(synced, 'AccessCredentialsSynchronized')!;
    assert.equal(c.reason, 'AccessCredentialsSyncSuccess');
    assert.equal(c.message, 'authorized_keys of root (2 keys) set from secret "ssh-keys" through the guest agent');

    // A changed Secret reaches the running guest at the next check (every 10 s).
    await putSecret(SECRET, { first: keys['vireo-key-three@test']!, more: '' });
    await serialLine(tcp.dataDir, uid, /^vireo-qga-ssh-key root vireo-key-three@test$/m, 30_000);
    await waitFor('the condition to name one key', 10_000, async () => {
      const v = await tcp.client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
      return condition(v, 'AccessCredentialsSynchronized')?.message?.includes('root (1 key)') || undefined;
    }, 250);
    await tcp.client.delete(R.vms, NS, name);
  });

  it('a Secret that does not exist fails the VMI, naming the secret', async () => {
    const name = 'ssh-missing';
    // Once: with Always the controller replaces the Failed VMI at once, and a poll may only ever see the next one.
    const vm = sshVm(name, { noCloud: {} }, 'no-such-keys');
    vm.spec!.runStrategy = 'Once';
    await tcp.client.create(R.vms, NS, vm);
    const vmi = await vmiInPhase(tcp.client, name, ['Failed', 'Running'], 60_000);
    assert.equal(vmi.status?.phase, 'Failed');
    assert.equal(vmi.status?.reason, 'AccessCredentialsFailed');
    assert.equal(condition(vmi, 'Ready')?.message, 'spec.accessCredentials: sshPublicKey secret "no-such-keys" not found in namespace "default"');
    await tcp.client.delete(R.vms, NS, name);
  });

  it('noCloud propagation without a cloudInitNoCloud volume is refused at admission', async () => {
    const vm = sshVm('ssh-novolume', { noCloud: {} });
    const spec = vm.spec!.template.spec;
    spec.volumes = spec.volumes!.filter((v) => !v.cloudInitNoCloud);
    spec.domain.devices!.disks = spec.domain.devices!.disks!.filter((d) => d.name !== 'cloudinit');
    const err = await tcp.client.create(R.vms, NS, vm).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ApiStatusError && err.code === 422, String(err));
    assert.match(err.message, /spec\.template\.spec\.accessCredentials\[0\] requires a noCloud volume to exist when the noCloud propagationMethod is in use/);
  });
});
