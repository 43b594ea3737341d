// Asks each running guest's agent, every few seconds, who it is (guest-ping, guest-get-osinfo,
// guest-network-get-interfaces), and looks at its firmware's output (SeaBIOS's debug log, OVMF's
// serial lines) for a boot failure. A change (agent came or went, new facts, nothing to boot)
// re-syncs the VMI, which writes AgentConnected and guestOSInfo, or fails it.
import type { AgentInfo, RunningGuest } from './guest.ts';
import { guestBootFailure } from './boot-failure.ts';

export class GuestAgentPoller {
  private timer: NodeJS.Timeout | undefined;
  private busy = new Set<RunningGuest>();

  constructor(
    private readonly guests: () => RunningGuest[],
    private readonly changed: (guest: RunningGuest) => void,
    private readonly intervalMs = 3000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    for (const g of this.guests()) {
      if (this.busy.has(g) || g.stopRequested) continue;
      this.busy.add(g);
      void this.poll(g).finally(() => this.busy.delete(g));
    }
  }

  private async poll(g: RunningGuest): Promise<void> {
    let info: AgentInfo | undefined;
    try {
      await g.qga.command('guest-ping', undefined, 2000);
      const osInfo = await g.qga.command<Record<string, string>>('guest-get-osinfo');
      const interfaces = await g.qga.command<AgentInfo['interfaces']>('guest-network-get-interfaces').catch(() => undefined);
      info = { osInfo, interfaces };
    } catch {
      info = undefined; // no agent (yet): AgentConnected is absent, which is the report
    }
    if (!g.bootFailure) {
      g.bootFailure = await guestBootFailure(g.run).catch((e: unknown) => {
        console.error(`node agent: ${g.key}: cannot read the firmware's output: ${(e as Error).message}`);
        return undefined;
      });
      if (g.bootFailure) this.changed(g);
    }
    if (JSON.stringify(info) !== JSON.stringify(g.agentInfo)) {
      g.agentInfo = info;
      this.changed(g);
    }
  }
}
