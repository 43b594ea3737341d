// Post-copy end to end with real QEMU under TCG, two node agents (node1 on 127.0.0.1, node2 on
// 127.0.0.2) as in migration-e2e.test.ts. A MigrationPolicy selects a guest that keeps dirtying
// memory and gives its migration 8 MiB/s with allowPostCopy: pre-copy cannot converge, so the
// source switches to post-copy, the guest runs on the target while its memory follows, and the
// migration succeeds with mode PostCopy — the serial heartbeat keeps counting there (no reboot).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Event } from '../src/api/core/event.ts';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../src/api/kubevirt/index.ts';
import type { MigrationPolicy } from '../src/api/migrations/index.ts';
import { R } from '../src/client/resources.ts';
import type { MigrationConfig } from '../src/controllers/migration/config.ts';
import type { TestControlPlane } from './support/controlplane.ts';
import { startTwoNodes, type TwoNodes } from './support/two-nodes.ts';
import { qemuPids } from './support/guests.ts';
import { TINY_IMAGE, waitFor } from './support/vm-e2e.ts';

const MiB = 2 ** 20;
const NAME = 'pc-dirty';
// 16 MiB rewritten in place, copied from a random file: tens of MiB/s even on a busy host, where
// /dev/urandom under TCG could fall under the 8 MiB/s and let pre-copy converge.
const DIRTY = '#vireo-run: head -c 16777216 /dev/urandom > /tmp/src; while :; do dd if=/tmp/src of=/tmp/dirty bs=1M conv=notrunc 2>/dev/null; done &';

let tcp: TestControlPlane;
let nodes: TwoNodes;
const dataDirOf = (node: string) => nodes.dataDirOf(node);

function dirtyingVmi(): VirtualMachineInstance {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name: NAME, namespace: 'default', labels: { 'workload-type': 'dirty' } },
    spec: {
      nodeSelector: { 'vireo.test/start-here': 'true' },
      // Room for the two 16 MiB files in the guest's RAM-backed /tmp on top of the tiny system.
      domain: { resources: { requests: { memory: '256Mi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }] } },
      volumes: [
        { name: 'root', containerDisk: { image: TINY_IMAGE } },
        { name: 'cloudinit', cloudInitNoCloud: { userData: `#cloud-config\n${DIRTY}\n` } },
      ],
    },
  } as VirtualMachineInstance;
}

const getVmi = () => tcp.client.get<VirtualMachineInstance>(R.vmis, 'default', NAME);

function serialLog(vmi: VirtualMachineInstance): string {
  return readFileSync(join(dataDirOf(vmi.status?.nodeName ?? ''), 'vmis', vmi.metadata.uid ?? '', 'serial.log'), 'utf8');
}

function lastHeartbeat(text: string): number {
  const all = [...text.matchAll(/vireo-heartbeat (\d+)/g)];
  return all.length ? Number(all[all.length - 1]![1]) : 0;
}

describe('post-copy migration chosen by a MigrationPolicy (TCG)', { timeout: 400_000 }, () => {
  before(async () => {
    nodes = await startTwoNodes();
    ({ tcp } = nodes);
    await tcp.client.mergePatch(R.nodes, undefined, 'node1', { metadata: { labels: { 'vireo.test/start-here': 'true' } } });
  });
  after(async () => {
    await nodes?.stop();
  });

  it('a guest that dirties memory faster than 8 MiB/s moves in post-copy and keeps running', async () => {
    const policy: MigrationPolicy = {
      apiVersion: 'migrations.kubevirt.io/v1alpha1',
      kind: 'MigrationPolicy',
      metadata: { name: 'dirty-postcopy' },
      spec: { selectors: { virtualMachineInstanceSelector: { 'workload-type': 'dirty' } }, bandwidthPerMigration: '8Mi', allowPostCopy: true },
    };
    await tcp.client.create(R.migrationpolicies, undefined, policy);
    await tcp.client.create(R.vmis, 'default', dirtyingVmi());
    const vmi = await waitFor(`${NAME} running`, 90_000, async () => {
      const v = await getVmi();
      return v.status?.phase === 'Running' ? v : undefined;
    });
    assert.equal(vmi.status?.nodeName, 'node1');
    await waitFor('the dirtying loop started', 60_000, () => /vireo-userdata-end/.test(serialLog(vmi)) || undefined, 200);
    const beatBefore = await waitFor('heartbeats', 60_000, () => lastHeartbeat(serialLog(vmi)) >= 3 ? lastHeartbeat(serialLog(vmi)) : undefined, 200);
    await tcp.client.mergePatch(R.nodes, undefined, 'node2', { metadata: { labels: { 'vireo.test/start-here': 'true' } } });

    await tcp.client.create(R.vmims, 'default', { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstanceMigration', metadata: { name: 'pc-1', namespace: 'default' }, spec: { vmiName: NAME } });
    const done = await waitFor('pc-1 ended', 300_000, async () => {
      const m = await tcp.client.tryGet<VirtualMachineInstanceMigration>(R.vmims, 'default', 'pc-1');
      return ['Succeeded', 'Failed'].includes(m?.status?.phase ?? '') ? m : undefined;
    }, 200);
    const st = done?.status?.migrationState;
    assert.equal(done?.status?.phase, 'Succeeded', JSON.stringify(st));
    assert.equal(st?.mode, 'PostCopy', JSON.stringify(st));
    // The stalled passes, not half of the 150 s completion time, made it switch.
    assert.ok(Date.parse(st?.endTimestamp ?? '') - Date.parse(st?.startTimestamp ?? '') < 75_000, JSON.stringify(st));
    assert.equal(st?.migrationPolicyName, 'dirty-postcopy');
    const cfg = st?.migrationConfiguration as unknown as MigrationConfig;
    assert.deepEqual([cfg.bandwidthPerMigration, cfg.allowPostCopy], [8 * MiB, true]);
    const events = (await tcp.client.list<Event>(R.events, 'default')).items.filter((e) => e.involvedObject?.name === NAME);
    assert.ok(events.some((e) => e.reason === 'MigrationPostCopy'), events.map((e) => `${e.reason}: ${e.message}`).join('\n'));

    const moved = await waitFor('VMI on node2', 30_000, async () => {
      const v = await getVmi();
      return v.status?.nodeName === 'node2' ? v : undefined;
    });
    assert.equal(moved.status?.phase, 'Running');
    await waitFor('the source QEMU gone', 30_000, () => qemuPids(`guest=default_${NAME},`).length === 1 || undefined);
    assert.equal(qemuPids(join(tcp.dataDir, 'vmis', vmi.metadata.uid ?? '')).length, 0);
    // No reboot: the count goes on past where it was on node1, and the boot marker never shows there.
    // Generous: the dirtying guest is slow under TCG when the machine is busy.
    await waitFor('heartbeats on node2', 90_000, () => lastHeartbeat(serialLog(moved)) > beatBefore + 1 || undefined, 200).catch(async (e: unknown) => {
      const now = await getVmi();
      throw new Error(`${(e as Error).message}: conditions ${JSON.stringify(now.status?.conditions)}, node2 serial tail ${JSON.stringify(serialLog(moved).slice(-4000))}`, { cause: e });
    });
    assert.doesNotMatch(serialLog(moved), /VIREO-GUEST-READY/);
  });
});
