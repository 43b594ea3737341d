// qemuGuestAgent propagation of accessCredentials: while a guest's agent is connected, its users'
// authorized_keys are set with guest-ssh-add-authorized-keys (reset: true, so a key removed from
// the Secret goes too). Pushed when the agent (re)connects (kick() from the agent poller), when the
// Secret's keys change (checked every intervalMs), after a failure (next tick) and every resyncMs
// regardless (the guest may have edited the file). The outcome is the VMI condition
// AccessCredentialsSynchronized, with an event when it changes, as KubeVirt's virt-handler does.
import type { VirtualMachineInstance } from '../../api/kubevirt/index.ts';
import type { KubeClient } from '../../client/client.ts';
import type { EventRecorder } from '../../client/events.ts';
import { R } from '../../client/resources.ts';
import type { KubeObject } from '../../machinery/object.ts';
import type { SecretLike } from '../../qemu/cloudinit.ts';
import type { RunningGuest } from '../guest.ts';
import { getCondition, setCondition, updateStatus } from '../status.ts';
import { agentKeysOf, type AgentKeys } from './agent-keys.ts';
import { MissingSecretError } from './secret-keys.ts';

export const CONDITION = 'AccessCredentialsSynchronized';
export const SYNC_SUCCESS = 'AccessCredentialsSyncSuccess';
export const SYNC_FAILED = 'AccessCredentialsSyncFailed';
const PUSH_TIMEOUT_MS = 15_000;

export interface GuestAgentKeySyncDeps {
  client: KubeClient;
  recorder: EventRecorder;
  guests: () => RunningGuest[];
  /** The VMI as the agent's informer last saw it. */
  vmiFor: (key: string) => VirtualMachineInstance | undefined;
  intervalMs?: number;
  resyncMs?: number;
}

interface Pushed {
  /** What was pushed (JSON of AgentKeys.users), on which connection of the agent, when, and how. */
  desired: string;
  connected: boolean;
  at: number;
  ok: boolean;
}

export class GuestAgentKeySync {
  private timer: NodeJS.Timeout | undefined;
  private readonly busy = new Set<RunningGuest>();
  private readonly pushed = new WeakMap<RunningGuest, Pushed>();

  constructor(private readonly d: GuestAgentKeySyncDeps) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.d.intervalMs ?? 10_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The agent of `g` came or went: a new connection gets the keys at once. */
  kick(g: RunningGuest): void {
    const p = this.pushed.get(g);
    if (p && !g.agentInfo) p.connected = false;
    this.syncOne(g);
  }

  private tick(): void {
    for (const g of this.d.guests()) this.syncOne(g);
  }

  private syncOne(g: RunningGuest): void {
    if (this.busy.has(g)) return;
    this.busy.add(g);
    this.sync(g)
      .catch((e: unknown) => console.error(`node agent: ${g.key}: access credentials: ${(e as Error).message}`))
      .finally(() => this.busy.delete(g));
  }

  private async sync(g: RunningGuest): Promise<void> {
    const vmi = this.d.vmiFor(g.key);
    if (!vmi || vmi.metadata.uid !== g.uid || vmi.status?.phase !== 'Running') return;
    const p = this.pushed.get(g);
    if (!g.agentInfo) {
      if (p) p.connected = false;
      return; // nothing to write to; the condition stays as last written
    }
    if (g.stopRequested || g.migratingOut) return;
    const ns = vmi.metadata.namespace ?? 'default';
    let want: AgentKeys | undefined;
    try {
      want = await agentKeysOf(vmi, (name) => this.d.client.tryGet<KubeObject & SecretLike>(R.secrets, ns, name));
    } catch (e) {
      if (!(e instanceof MissingSecretError)) throw e;
      this.pushed.delete(g);
      return this.report(vmi, false, `sshPublicKey ${e.message} in namespace "${ns}"`);
    }
    if (!want) return;
    const desired = JSON.stringify(want.users);
    const fresh = Date.now() - (p?.at ?? 0) < (this.d.resyncMs ?? 300_000);
    if (p && p.ok && p.connected && p.desired === desired && fresh) return;
    const done: Pushed = { desired, connected: true, at: Date.now(), ok: false };
    this.pushed.set(g, done);
    try {
      for (const [username, keys] of want.users) {
        await g.qga.command('guest-ssh-add-authorized-keys', { username, keys, reset: true }, PUSH_TIMEOUT_MS);
      }
    } catch (e) {
      return this.report(vmi, false, (e as Error).message);
    }
    done.ok = true;
    const who = want.users.map(([u, k]) => `${u} (${k.length} key${k.length === 1 ? '' : 's'})`).join(', ');
    await this.report(vmi, true, `authorized_keys of ${who} set from secret ${want.secrets.map((s) => `"${s}"`).join(', ')} through the guest agent`);
  }

  /** Writes the condition; an event when its status or message changed. */
  private async report(vmi: VirtualMachineInstance, ok: boolean, message: string): Promise<void> {
    const reason = ok ? SYNC_SUCCESS : SYNC_FAILED;
    const status = ok ? 'True' : 'False';
    let changed = false;
    await updateStatus<VirtualMachineInstance>(this.d.client, R.vmis, vmi.metadata.namespace, vmi.metadata.name ?? '', (v) => {
      if (v.metadata.uid !== vmi.metadata.uid || v.status?.phase !== 'Running') return false;
      const old = getCondition(v.status.conditions, CONDITION);
      if (old?.status === status && old.reason === reason && old.message === message) return false;
      v.status.conditions = setCondition(v.status.conditions, { type: CONDITION, status, reason, message });
      changed = true;
    });
    if (!changed) return;
    await this.d.recorder.record(vmi, ok ? 'Normal' : 'Warning', reason, `Access credentials sync ${ok ? 'successful' : 'failed'}: ${message}`);
  }
}
