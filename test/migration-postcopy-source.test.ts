// The source agent's post-copy decisions (src/node/migration/outgoing.ts with postcopy.ts) against a
// real API server, with a scripted QEMU in place of the real one: the capability is set before
// `migrate`, stalled passes start post-copy, mode PostCopy is written, aborts are refused once
// switched, and a failure after the switch fails the VMI and ends the source QEMU instead of
// resuming it. The real switch runs end to end in migration-policy.test.ts; a failure in post-copy
// cannot be timed there (post-copy over loopback takes well under a second).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import type { KubeClient } from '../src/client/client.ts';
import { EventRecorder } from '../src/client/events.ts';
import { R } from '../src/client/resources.ts';
import { migrationConfig } from '../src/controllers/migration/config.ts';
import type { RunningGuest } from '../src/node/guest.ts';
import { OutgoingMigration } from '../src/node/migration/outgoing.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { createSimNodes, SIM_LABEL, updateVmiStatus, writeMigrationState } from './support/simulated-vms.ts';
import { waitFor } from './support/vm-e2e.ts';

const NS = 'postcopy-src';
const MiB = 2 ** 20;
let tcp: TestControlPlane;
let c: KubeClient;

type Phase = 'stalling' | 'postcopy';
/** What query-migrate answers once QEMU is in post-copy (one answer per poll, the last repeats). */
type PostCopyScript = string[];

/** Answers QMP like a source QEMU whose guest dirties 64 MiB per pass, forever, until post-copy. */
class ScriptedQmp extends EventEmitter {
  readonly calls: { command: string; args?: Record<string, unknown> }[] = [];
  private polls = 0;
  private phase: Phase = 'stalling';
  private after = 0;

  constructor(private readonly postCopy: PostCopyScript) {
    super();
  }

  async execute<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    this.calls.push({ command, args });
    if (command === 'migrate-start-postcopy') this.phase = 'postcopy';
    if (command === 'query-block-jobs') return [] as T;
    if (command !== 'query-migrate') return {} as T;
    if (this.phase === 'stalling') {
      this.polls++;
      return { status: 'active', ram: { total: 256 * MiB, transferred: this.polls * MiB, remaining: 64 * MiB, 'dirty-sync-count': 1 + Math.floor(this.polls / 2) } } as T;
    }
    const status = this.postCopy[Math.min(this.after++, this.postCopy.length - 1)]!;
    return { status, downtime: 9, ram: { total: 256 * MiB, transferred: 300 * MiB, remaining: status === 'completed' ? 0 : 8 * MiB } } as T;
  }

  commands(): string[] {
    return this.calls.map((x) => x.command);
  }
}

/** The parts of RunningGuest the outgoing migration uses. */
function scriptedGuest(qmp: ScriptedQmp): RunningGuest & { killed: boolean } {
  const guest = {
    qmp,
    paused: false,
    migratingOut: false,
    killed: false,
    status: async () => 'running',
    kill: async () => {
      guest.killed = true;
    },
  };
  return guest as unknown as RunningGuest & { killed: boolean };
}

async function runningVmi(name: string, allowPostCopy: boolean): Promise<VirtualMachineInstance> {
  await c.create(R.vmis, NS, {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name, namespace: NS },
    spec: { nodeSelector: { [SIM_LABEL]: 'true' }, domain: { resources: { requests: { memory: '256Mi' } }, devices: {} } },
  });
  await updateVmiStatus(c, NS, name, (s) => {
    s.phase = 'Running';
    s.nodeName = 'src-a';
  });
  return writeMigrationState(c, NS, name, {
    migrationUid: `uid-${name}`,
    sourceNode: 'src-a',
    targetNode: 'src-b',
    targetNodeAddress: '127.0.0.2:49152',
    mode: 'PreCopy',
    migrationConfiguration: { ...migrationConfig({ liveMigrationConfig: { bandwidthPerMigration: '8Mi' } }), allowPostCopy },
  });
}

const getVmi = (name: string) => c.get<VirtualMachineInstance>(R.vmis, NS, name);

describe('the source agent in post-copy (scripted QEMU)', { timeout: 120_000 }, () => {
  before(async () => {
    tcp = await startControlPlane();
    c = tcp.client;
    await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await createSimNodes(c, ['src-a', 'src-b']);
  });
  after(async () => {
    await tcp?.stop();
  });

  it('switches after stalled passes, writes mode PostCopy, refuses an abort, completes', async () => {
    const vmi = await runningVmi('ok', true);
    const qmp = new ScriptedQmp([...Array<string>(8).fill('postcopy-active'), 'completed']);
    const guest = scriptedGuest(qmp);
    const mig = new OutgoingMigration(c, new EventRecorder(c, 'test'), vmi, guest);
    await waitFor('mode PostCopy', 20_000, async () => ((await getVmi('ok')).status?.migrationState?.mode === 'PostCopy' ? true : undefined), 20);
    mig.update({ ...vmi, status: { ...vmi.status, migrationState: { ...vmi.status?.migrationState, abortRequested: true } } });
    await mig.done;

    const cmds = qmp.commands();
    const caps = qmp.calls.find((x) => x.command === 'migrate-set-capabilities')?.args?.['capabilities'];
    assert.deepEqual((caps as { capability: string; state: boolean }[]).find((x) => x.capability === 'postcopy-ram'), { capability: 'postcopy-ram', state: true });
    assert.ok(cmds.indexOf('migrate-set-capabilities') < cmds.indexOf('migrate'), cmds.join(' '));
    assert.ok(cmds.includes('migrate-start-postcopy'));
    assert.ok(!cmds.includes('migrate_cancel'), 'no cancel in post-copy');
    const st = (await getVmi('ok')).status;
    assert.equal(st?.migrationState?.completed, true, JSON.stringify(st?.migrationState));
    assert.equal(st?.migrationState?.failed, undefined);
    assert.equal(st?.migrationState?.mode, 'PostCopy');
    assert.equal(st?.phase, 'Running');
    assert.equal(guest.killed, false);
  });

  it('a failure after the switch fails the VMI and ends the source QEMU; it is never resumed', async () => {
    const vmi = await runningVmi('lost', true);
    const qmp = new ScriptedQmp(['postcopy-active', 'postcopy-paused']);
    const guest = scriptedGuest(qmp);
    await new OutgoingMigration(c, new EventRecorder(c, 'test'), vmi, guest).done;

    const st = (await getVmi('lost')).status;
    assert.equal(st?.phase, 'Failed');
    assert.equal(st?.reason, 'PostCopyMigrationFailed');
    assert.equal(st?.migrationState?.failed, true);
    assert.equal(st?.migrationState?.mode, 'PostCopy');
    assert.match(st?.migrationState?.failureReason ?? '', /failed in post-copy.*the migration stream broke during post-copy/);
    assert.equal(guest.killed, true);
    assert.ok(!qmp.commands().includes('cont'), 'the source copy is not resumed');
    assert.ok(!qmp.commands().includes('migrate_cancel'));
  });

  it('without allowPostCopy the capability is off and no switch is asked for', async () => {
    const vmi = await runningVmi('pre', false);
    const qmp = new ScriptedQmp(['completed']);
    const guest = scriptedGuest(qmp);
    const mig = new OutgoingMigration(c, new EventRecorder(c, 'test'), vmi, guest);
    // Past the point where stalled passes would have switched: abort, as a user would.
    await waitFor('several passes', 20_000, () => (qmp.commands().filter((x) => x === 'query-migrate').length >= 8 ? true : undefined), 20);
    mig.update({ ...vmi, status: { ...vmi.status, migrationState: { ...vmi.status?.migrationState, abortRequested: true } } });
    await mig.done;
    const caps = qmp.calls.find((x) => x.command === 'migrate-set-capabilities')?.args?.['capabilities'];
    assert.deepEqual((caps as { capability: string; state: boolean }[]).find((x) => x.capability === 'postcopy-ram'), { capability: 'postcopy-ram', state: false });
    assert.ok(!qmp.commands().includes('migrate-start-postcopy'));
    const st = (await getVmi('pre')).status;
    assert.equal(st?.migrationState?.abortStatus, 'Succeeded');
    assert.equal(st?.phase, 'Running', 'a pre-copy abort leaves the guest running on the source');
    assert.equal(guest.killed, false);
  });
});
