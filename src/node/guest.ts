// One live QEMU this agent supervises: its QMP connection (the only one), its guest agent channel,
// what QMP events said (paused, how it shut down) and a promise of its exit. Spawned or adopted,
// it is the same object; an adopted one just has no child handle and no exit code.
import type { ChildProcess } from 'node:child_process';
import { QmpClient, type QmpEvent } from '../qemu/qmp.ts';
import { GuestAgentChannel } from './qga.ts';
import { isOurProcess, killHard, watchExit, type ProcessExit } from './process.ts';
import type { RunDir } from './run-dir.ts';

export interface GuestExit extends ProcessExit {
  /** The last QMP SHUTDOWN event, if one arrived (data.guest / data.reason say who asked). */
  shutdown?: QmpEvent;
  /** True when this agent asked the guest to stop (VMI deletion). */
  requested: boolean;
}

export interface AgentInfo {
  osInfo?: Record<string, string>;
  interfaces?: { name?: string; 'hardware-address'?: string; 'ip-addresses'?: { 'ip-address': string; 'ip-address-type': string }[] }[];
}

export class RunningGuest {
  paused = false;
  shutdownEvent: QmpEvent | undefined;
  stopRequested = false;
  /** Set when the firmware reported that nothing on the disks boots (boot-failure.ts). */
  bootFailure: string | undefined;
  /** An outgoing live migration owns the guest's state (its STOP at switch-over is no user pause). */
  migratingOut = false;
  agentInfo: AgentInfo | undefined;
  readonly qga: GuestAgentChannel;
  readonly exited: Promise<GuestExit>;
  private killTimer: NodeJS.Timeout | undefined;
  private detached: AbortController | undefined;

  private constructor(
    readonly uid: string,
    readonly key: string,
    readonly run: RunDir,
    readonly pid: number,
    readonly qmp: QmpClient,
    exit: Promise<ProcessExit>,
    readonly adopted: boolean,
  ) {
    this.qga = new GuestAgentChannel(run.guestAgentSocket);
    this.exited = exit.then((e) => {
      clearTimeout(this.killTimer);
      this.qga.close();
      void this.qmp.close();
      return { ...e, shutdown: this.shutdownEvent, requested: this.stopRequested };
    });
  }

  /**
   * Connects QMP to a QEMU we spawned (`child`) or found alive (adopted). `onChange` fires on every
   * state change the VMI status shows (pause, resume, shutdown, exit).
   */
  static async attach(opts: {
    uid: string;
    key: string;
    run: RunDir;
    pid: number;
    child?: ChildProcess;
    onChange: () => void;
    connectTimeoutMs?: number;
  }): Promise<RunningGuest> {
    const detached = new AbortController();
    const exit = watchExit(opts.pid, opts.run.dir, opts.child, detached.signal);
    // A QEMU that dies before its QMP socket answers must not leave us waiting out the timeout.
    const died = exit.then((e) => {
      throw new Error(`QEMU exited (${e.signal ?? `code ${e.code ?? 'unknown'}`}) before QMP answered`);
    });
    died.catch(() => undefined); // only the race below reads it
    let qmp: QmpClient;
    try {
      qmp = await Promise.race([QmpClient.connect(opts.run.qmpSocket, { timeoutMs: opts.connectTimeoutMs ?? 15_000 }), died]);
    } catch (e) {
      detached.abort();
      throw e;
    }
    const guest = new RunningGuest(opts.uid, opts.key, opts.run, opts.pid, qmp, exit, !opts.child);
    guest.detached = detached;
    qmp.on('STOP', () => {
      guest.paused = true;
      opts.onChange();
    });
    qmp.on('RESUME', () => {
      guest.paused = false;
      opts.onChange();
    });
    qmp.on('SHUTDOWN', (ev: QmpEvent) => {
      guest.shutdownEvent = ev;
      opts.onChange();
    });
    void guest.exited.then(() => opts.onChange());
    const status = await qmp.execute<{ status: string; running: boolean }>('query-status');
    guest.paused = status.status === 'paused';
    return guest;
  }

  /** QEMU's run state (prelaunch, running, paused, shutdown, …). */
  async status(): Promise<string> {
    return (await this.qmp.execute<{ status: string }>('query-status')).status;
  }

  /**
   * ACPI power button, then after `graceMs` `quit` and SIGKILL. Returns at once; `exited` resolves
   * when QEMU is gone. A grace of 0 kills at once.
   */
  requestStop(graceMs: number): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    if (graceMs <= 0) {
      void this.kill();
      return;
    }
    this.qmp.execute('system_powerdown').catch((e: unknown) => {
      console.error(`node agent: ${this.key}: system_powerdown failed, killing: ${(e as Error).message}`);
      void this.kill();
    });
    this.killTimer = setTimeout(() => void this.kill(), graceMs);
  }

  /** `quit` over QMP, SIGKILL if that does not end it within 3 s. */
  async kill(): Promise<void> {
    this.stopRequested = true;
    await Promise.race([this.qmp.execute('quit').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    const gone = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    if (!gone && (await isOurProcess(this.pid, this.run.dir))) killHard(this.pid);
    await this.exited;
  }

  /** Drops the connections; QEMU keeps running (agent shutdown). */
  async detach(): Promise<void> {
    clearTimeout(this.killTimer);
    this.detached?.abort();
    this.qga.close();
    await this.qmp.close();
  }
}
