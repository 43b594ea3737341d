// End to end with real QEMU under TCG and the in-process node agent: a VM applied with kubectl
// becomes a guest that boots (marker, hostname and user-data on its serial console), shows up in
// kubectl as a Running VMI with its launcher pod, reports guestOSInfo through its agent, answers on
// its forwarded port 22, and powers off through ACPI when stopped. Bad input fails clearly.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { resourcePath } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { KubeObject } from '../src/machinery/object.ts';
import { TEST_NODE, startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { qemuPids } from './support/guests.ts';
import { makeKubectl } from './support/kubectl.ts';
import { SerialCapture, TINY_IMAGE, exchangeLine, stageTinyImage, waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let kubectl: ReturnType<typeof makeKubectl>;

const BOOT_MS = 60_000;

function vmYaml(name: string, image: string, extra = ''): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: default
spec:
  runStrategy: Always
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 30
      domain:
        resources:
          requests:
            memory: 128Mi
        devices:
          disks:
            - name: root
              disk: {bus: virtio}
            - name: cloudinit
              disk: {bus: virtio}
      volumes:
        - name: root
          containerDisk:
            image: ${image}
        - name: cloudinit
          cloudInitNoCloud:
            userData: |
              #cloud-config
              # vireo e2e ${name}
              #vireo-run: busybox nc -ll -p 22 -e /bin/cat &
${extra}`;
}

const getVmi = (name: string) => tcp.client.tryGet<VirtualMachineInstance>(R.vmis, 'default', name);

async function vmiInPhase(name: string, phases: string[], timeoutMs: number): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name} in ${phases.join('/')}`, timeoutMs, async () => {
    const v = await getVmi(name);
    return v && phases.includes(v.status?.phase ?? '') ? v : undefined;
  });
}

/**
 * Watches one VMI from before it exists and resolves with the first version of it in `phases`.
 * Polling could miss a Failed VMI: runStrategy Always replaces it within milliseconds.
 */
async function watchVmiPhase(name: string, phases: string[], timeoutMs: number): Promise<{ vmi: Promise<VirtualMachineInstance> }> {
  // The list comes first so that the watch starts from a revision before the VM is applied.
  const list = await tcp.client.list(R.vmis, 'default');
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const vmi = (async () => {
    try {
      const stream = tcp.client.watch<VirtualMachineInstance>(resourcePath(R.vmis, 'default'), list.metadata.resourceVersion ?? '0', {
        signal: ac.signal,
        query: { fieldSelector: `metadata.name=${name}` },
      });
      for await (const ev of stream) {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') continue;
        if (phases.includes(ev.object.status?.phase ?? '')) return ev.object;
      }
      throw new Error(`timed out after ${timeoutMs} ms watching VMI ${name} for ${phases.join('/')}`);
    } finally {
      clearTimeout(timer);
      ac.abort();
    }
  })();
  return { vmi };
}

async function eventsFor(name: string): Promise<{ reason: string; message: string; type: string }[]> {
  const list = await tcp.client.list<KubeObject & { reason: string; message: string; type: string; involvedObject: { name: string; kind: string } }>(R.events, 'default');
  return list.items.filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'VirtualMachineInstance');
}

describe('VMs on the node agent (TCG)', { concurrency: 3, timeout: 150_000 }, () => {
  before(async () => {
    tcp = await startControlPlane({ agent: { accel: 'tcg' } });
    await stageTinyImage(join(tcp.dataDir, 'images'));
    kubectl = makeKubectl(tcp.kubeconfig);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('apply → Running on the node → boots → kubectl views → agent info → port 22 → graceful stop', async () => {
    const name = 'e2e-tiny';
    const applied = await kubectl(['apply', '-f', '-'], { input: vmYaml(name, TINY_IMAGE) });
    assert.equal(applied.code, 0, applied.stderr);

    const vmi = await vmiInPhase(name, ['Running', 'Failed'], 30_000);
    assert.equal(vmi.status?.phase, 'Running', JSON.stringify(vmi.status));
    assert.equal(vmi.status?.nodeName, TEST_NODE);
    assert.equal(vmi.status?.interfaces?.[0]?.ipAddress, '127.0.0.1');
    assert.equal(vmi.status?.machine?.type, 'pc-q35-7.2');
    assert.ok(vmi.metadata.finalizers?.includes('kubevirt.io/foregroundDeleteVirtualMachine'));
    const runDir = tcp.cp.agent!.runDir('default', name);
    assert.ok(runDir, 'the agent reports a run dir for the guest');
    const uid = vmi.metadata.uid!;
    assert.equal(qemuPids(uid).length, 1, 'exactly one QEMU for the VMI');

    // The serial log fills with no client attached; a live capture sees the poweroff later.
    const serial = await SerialCapture.open(join(runDir, 'serial.sock'));
    const log = () => readFileSync(join(runDir, 'serial.log'), 'latin1');
    await waitFor('VIREO-GUEST-READY in serial.log', BOOT_MS, () => /^VIREO-GUEST-READY\r?$/m.test(log()) || undefined, 250);
    await waitFor('hostname and user-data in serial.log', 20_000, () => {
      const l = log().replace(/\r/g, '');
      return l.includes(`vireo-hostname ${name}`) && /vireo-userdata-begin\n#cloud-config\n# vireo e2e e2e-tiny\n/.test(l) ? true : undefined;
    }, 250);

    const pods = await kubectl(['get', 'pods', '-o', 'wide', '-n', 'default']);
    assert.equal(pods.code, 0, pods.stderr);
    const podLine = pods.stdout.split('\n').find((l) => l.startsWith(`virt-launcher-${name}-`));
    assert.ok(podLine, pods.stdout);
    assert.match(podLine, /\s1\/1\s+Running\s/);
    assert.match(podLine, new RegExp(`\\s127\\.0\\.0\\.1\\s+${TEST_NODE}\\s`));

    const vmis = await kubectl(['get', 'vmi', name]);
    assert.match(vmis.stdout, new RegExp(`${name}\\s+\\S+\\s+Running\\s+127\\.0\\.0\\.1\\s+${TEST_NODE}\\s+True`), vmis.stdout);

    const withAgent = await waitFor('AgentConnected and guestOSInfo', 40_000, async () => {
      const v = await getVmi(name);
      return v?.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True') && v.status.guestOSInfo?.id ? v : undefined;
    }, 500);
    assert.equal(withAgent.status?.guestOSInfo?.id, 'vireo-tiny');
    assert.equal(withAgent.status?.guestOSInfo?.machine, 'x86_64');
    assert.equal(withAgent.status?.interfaces?.[0]?.interfaceName, 'eth0');

    // "SSH": port 22 forwarded from the node address; the guest's nc echoes a line back.
    const forwards = JSON.parse(withAgent.metadata.annotations?.['vireo.io/port-forwards'] ?? '{}') as Record<string, number>;
    assert.ok(forwards['22/TCP'], JSON.stringify(withAgent.metadata.annotations));
    const echoed = await waitFor('an echo through the forwarded port 22', 30_000, () => exchangeLine('127.0.0.1', forwards['22/TCP']!, 'hello-vireo'), 500);
    assert.equal(echoed, 'hello-vireo');

    // Stop through the VM: the VM controller deletes the VMI; the agent powers the guest off via ACPI.
    const halted = await kubectl(['patch', 'vm', name, '--type', 'merge', '-p', '{"spec":{"runStrategy":"Halted"}}']);
    assert.equal(halted.code, 0, halted.stderr);
    await waitFor('the VMI to be gone', 40_000, async () => ((await getVmi(name)) ? undefined : true), 200);
    await waitFor('the serial socket to close', 5000, () => serial.closed || undefined);
    assert.match(serial.text, /^vireo-poweroff$/m, 'the guest powered off through ACPI');
    assert.deepEqual(qemuPids(uid), [], 'no QEMU left for the VMI');
    assert.equal(existsSync(runDir), false, 'the run dir is removed');
    const left = await tcp.client.list(R.pods, 'default', { labelSelector: `kubevirt.io/created-by=${uid}` });
    assert.deepEqual(left.items.map((p) => p.metadata.name), []);
    const reasons = (await eventsFor(name)).map((e) => e.reason);
    for (const r of ['SuccessfulCreate', 'Started', 'ShuttingDown', 'Deleted']) assert.ok(reasons.includes(r), `event ${r} in ${reasons.join(', ')}`);
  });

  it('a containerDisk that does not exist fails the VMI with ErrImagePull, an event, and no QEMU', async () => {
    const name = 'e2e-noimage';
    const seen = await watchVmiPhase(name, ['Failed', 'Running'], 30_000);
    const applied = await kubectl(['apply', '-f', '-'], { input: vmYaml(name, 'vireo.local/does-not-exist:v1') });
    assert.equal(applied.code, 0, applied.stderr);
    const vmi = await seen.vmi;
    assert.equal(vmi.status?.phase, 'Failed');
    assert.equal(vmi.status?.reason, 'ErrImagePull', JSON.stringify(vmi.status?.conditions));
    const ready = vmi.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'False');
    assert.match(ready?.message ?? '', /vireo\.local\/does-not-exist:v1.*not found.*vireo\.local\/does-not-exist\/v1/);
    const ev = await waitFor('the ErrImagePull event', 5000, async () => (await eventsFor(name)).find((e) => e.reason === 'ErrImagePull'));
    assert.equal(ev.type, 'Warning');
    assert.deepEqual(qemuPids(vmi.metadata.uid!), []);
    assert.equal((await kubectl(['delete', 'vm', name, '--wait=false'])).code, 0);
  });

  it('a QEMU that exits while starting fails the VMI with its error', async () => {
    const name = 'e2e-badmachine';
    // Passes the argv builder (pc-q35-X.Y), but this QEMU has no such machine type.
    const yaml = vmYaml(name, TINY_IMAGE).replace('      domain:\n', '      domain:\n        machine:\n          type: pc-q35-99.9\n');
    const seen = await watchVmiPhase(name, ['Failed', 'Running'], 30_000);
    const applied = await kubectl(['apply', '-f', '-'], { input: yaml });
    assert.equal(applied.code, 0, applied.stderr);
    const vmi = await seen.vmi;
    assert.equal(vmi.status?.phase, 'Failed');
    assert.equal(vmi.status?.reason, 'QemuFailed', JSON.stringify(vmi.status?.conditions));
    const ready = vmi.status?.conditions?.find((c) => c.type === 'Ready');
    assert.match(ready?.message ?? '', /QEMU exited \(code 1\).*unsupported machine type/);
    assert.deepEqual(qemuPids(vmi.metadata.uid!), []);
    assert.equal((await kubectl(['delete', 'vm', name, '--wait=false'])).code, 0);
  });
});
