// QEMU outlives the node agent: `kill -9` of a `vireo agent` child process leaves its guests
// running (their heartbeat keeps counting), a restarted agent adopts them (same QEMU pid, VMI still
// Running, never a second QEMU), a guest that died meanwhile is reported Failed, and deleting the
// VMI afterwards leaves no QEMU behind.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { R } from '../src/client/resources.ts';
import { TEST_NODE, startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { isAlive, killLeftoverGuests, qemuPids } from './support/guests.ts';
import { TINY_IMAGE, repo, stageTinyImage, waitFor } from './support/vm-e2e.ts';

let tcp: TestControlPlane;
let agentDir: string;
let agent: ChildProcess | undefined;

function startAgent(): ChildProcess {
  const log = openSync(join(agentDir, 'agent.log'), 'a');
  const child = spawn(join(repo, 'bin/vireo'), ['agent', '--kubeconfig', tcp.kubeconfig, '--node-name', TEST_NODE, '--data-dir', agentDir, '--accel', 'tcg'], {
    stdio: ['ignore', log, log],
  });
  agent = child;
  return child;
}

function vmi(name: string): VirtualMachineInstance {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: 'default' },
    spec: {
      terminationGracePeriodSeconds: 20,
      domain: { resources: { requests: { memory: '128Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
      volumes: [{ name: 'root', containerDisk: { image: TINY_IMAGE } }],
    },
  };
}

const getVmi = (name: string) => tcp.client.tryGet<VirtualMachineInstance>(R.vmis, 'default', name);
const runDirOf = (uid: string) => join(agentDir, 'vmis', uid);
const heartbeat = (uid: string): number => {
  const all = [...readFileSync(join(runDirOf(uid), 'serial.log'), 'latin1').matchAll(/^vireo-heartbeat (\d+)\r?$/gm)];
  return all.length ? Number(all[all.length - 1]![1]) : 0;
};
const qemuPid = (uid: string) => Number(readFileSync(join(runDirOf(uid), 'qemu.pid'), 'utf8').trim());

async function running(name: string): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name} Running`, 40_000, async () => {
    const v = await getVmi(name);
    if (v?.status?.phase === 'Failed') throw new Error(`VMI ${name} failed: ${JSON.stringify(v.status)}`);
    return v?.status?.phase === 'Running' ? v : undefined;
  });
}

async function killAgent(): Promise<void> {
  const a = agent!;
  const gone = new Promise((r) => a.once('exit', r));
  a.kill('SIGKILL');
  await gone;
  agent = undefined;
}

describe('kill -9 of the node agent and adoption', { timeout: 150_000 }, () => {
  before(async () => {
    // The control plane alone: the agent runs as its own process, as on another host.
    tcp = await startControlPlane();
    agentDir = mkdtempSync(join(tmpdir(), 'vireo-agent-'));
    await stageTinyImage(join(agentDir, 'images'));
  });
  after(async () => {
    if (agent) await killAgent();
    await tcp?.stop();
    await killLeftoverGuests(agentDir);
    rmSync(agentDir, { recursive: true, force: true });
  });

  it('guests survive kill -9 of the agent, are adopted after restart, and are removed on delete', async () => {
    startAgent();
    await waitFor('the Node to be Ready', 30_000, async () => {
      const n = await tcp.client.tryGet<{ status?: { conditions?: { type: string; status: string }[] } } & VirtualMachineInstance>(R.nodes, undefined, TEST_NODE);
      return n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') || undefined;
    });
    await tcp.client.create(R.vmis, 'default', vmi('survivor'));
    await tcp.client.create(R.vmis, 'default', vmi('casualty'));
    const survivor = await running('survivor');
    const casualty = await running('casualty');
    const uid = survivor.metadata.uid!;
    await waitFor('the survivor heartbeat', 60_000, () => heartbeat(uid) >= 2 || undefined, 250);
    await waitFor('the casualty pidfile', 10_000, () => qemuPid(casualty.metadata.uid!) || undefined);
    const pid = qemuPid(uid);
    assert.deepEqual(qemuPids(uid), [pid]);

    await killAgent();
    const beatAtKill = heartbeat(uid);
    // While no agent runs: the survivor keeps beating; the casualty's QEMU dies.
    process.kill(qemuPid(casualty.metadata.uid!), 'SIGKILL');
    await waitFor('heartbeats while the agent is down', 15_000, () => heartbeat(uid) >= beatAtKill + 3 || undefined, 250);
    assert.ok(isAlive(pid), 'QEMU outlived the agent');

    startAgent();
    await waitFor('the Adopted event', 30_000, async () => {
      const ev = await tcp.client.list<VirtualMachineInstance & { reason: string; involvedObject: { uid: string } }>(R.events, 'default');
      return ev.items.some((e) => e.reason === 'Adopted' && e.involvedObject.uid === uid) || undefined;
    });
    const lost = await waitFor('the casualty to fail', 30_000, async () => {
      const v = await getVmi('casualty');
      return v?.status?.phase === 'Failed' ? v : undefined;
    });
    assert.equal(lost.status?.reason, 'GuestNotRunning');
    const survivorNow = await getVmi('survivor');
    assert.equal(survivorNow?.status?.phase, 'Running');
    assert.equal(qemuPid(uid), pid, 'the same QEMU');
    assert.deepEqual(qemuPids(uid), [pid], 'no second QEMU');
    const beat = heartbeat(uid);
    await waitFor('heartbeats after adoption', 15_000, () => heartbeat(uid) > beat || undefined, 250);

    // The adopted guest is fully driven: deletion powers it off and nothing is left behind.
    await tcp.client.delete(R.vmis, 'default', 'survivor');
    await tcp.client.delete(R.vmis, 'default', 'casualty');
    await waitFor('both VMIs to be gone', 40_000, async () => ((await getVmi('survivor')) || (await getVmi('casualty')) ? undefined : true), 200);
    assert.deepEqual(qemuPids(uid), []);
    assert.equal(isAlive(pid), false);
  });
});
