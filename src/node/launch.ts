// Start one guest: run dir, network plan, volumes, firmware, argv, a detached QEMU (held at -S),
// QMP, `cont`. Anything that cannot work throws VmiFailure with the reason; a QEMU that exits
// while starting fails with the tail of its log. Never a second QEMU for the same VMI: a live
// one found through the pidfile is adopted instead, and QEMU's own pidfile lock refuses a twin.
import { mkdir } from 'node:fs/promises';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { LaunchError, buildQemuArgv } from '../qemu/argv.ts';
import type { LaunchVmiSpec, NodeFacts } from '../qemu/launch-spec.ts';
import { QmpError } from '../qemu/qmp.ts';
import { prepareFirmware } from './firmware.ts';
import { RunningGuest } from './guest.ts';
import { bindForwardsTo, type NetworkPlan } from './network.ts';
import { createTaps } from './bridge-taps.ts';
import { QEMU_BINARY, isOurProcess, killHard, readPidFile, spawnDetached, tailFile } from './process.ts';
import { runDirOf, type RunDir } from './run-dir.ts';
import { dropLoopDeviceHolds, releaseGuestLoopDevices } from './storage/loop-device-guest.ts';
import { VmiFailure } from './vmi-failure.ts';
import { resolveVolumes, type PvcResolver } from './volumes/index.ts';
import type { KubeClient } from '../client/client.ts';

export interface LaunchContext {
  client: KubeClient;
  nodeName: string;
  dataDir: string;
  imageDir: string;
  cacheDir: string;
  facts: NodeFacts;
  address: string;
  pvcs: PvcResolver;
  /** How long QEMU may take from spawn to `running`. */
  startTimeoutMs: number;
}

export async function launchGuest(
  ctx: LaunchContext,
  vmi: VirtualMachineInstance,
  plan: NetworkPlan,
  onChange: () => void,
  /** A migration target: QEMU waits (`-incoming defer`, paused) for the source's state instead of booting. */
  opts: { incoming?: boolean } = {},
): Promise<RunningGuest> {
  const uid = vmi.metadata.uid ?? '';
  const key = `${vmi.metadata.namespace}/${vmi.metadata.name}`;
  const run = runDirOf(ctx.dataDir, uid);
  await mkdir(run.dir, { recursive: true, mode: 0o700 });

  const livePid = await readPidFile(run.pidFile);
  if (livePid !== undefined && (await isOurProcess(livePid, run.dir))) {
    const guest = await RunningGuest.attach({ uid, key, run, pid: livePid, onChange });
    if ((await guest.status()) === 'prelaunch') await guest.qmp.execute('cont');
    return guest;
  }

  await createTaps(run.dir, plan.taps, ctx.nodeName);
  let guest: RunningGuest;
  try {
    guest = await startQemu(ctx, vmi, plan, onChange, opts, run);
  } catch (e) {
    // A failed start lets go of its loop devices now: a migration target has no later cleanup.
    await releaseGuestLoopDevices(run.dir).catch((r: unknown) => console.error(`node agent: ${key}: cannot release loop devices after a failed start: ${(r as Error).message}`));
    throw e;
  }
  // QEMU has its loop devices open now: from here they go when it exits, whatever the agent does.
  await dropLoopDeviceHolds(run.dir).catch((r: unknown) => console.error(`node agent: ${key}: cannot close loop devices: ${(r as Error).message}`));
  return guest;
}

/** Volumes, firmware, argv, QEMU up to `running` (or waiting for the incoming state). */
async function startQemu(
  ctx: LaunchContext,
  vmi: VirtualMachineInstance,
  plan: NetworkPlan,
  onChange: () => void,
  opts: { incoming?: boolean },
  run: RunDir,
): Promise<RunningGuest> {
  const uid = vmi.metadata.uid ?? '';
  const key = `${vmi.metadata.namespace}/${vmi.metadata.name}`;
  const volumes = await resolveVolumes({ client: ctx.client, vmi, run, nodeName: ctx.nodeName, imageDir: ctx.imageDir, cacheDir: ctx.cacheDir, pvcs: ctx.pvcs });
  const fw = await prepareFirmware(vmi, run, ctx.dataDir);
  let argv: string[];
  try {
    argv = buildQemuArgv({
      name: `${vmi.metadata.namespace}_${vmi.metadata.name}`,
      uuid: uid,
      spec: (vmi.spec ?? {}) as LaunchVmiSpec,
      node: ctx.facts,
      paths: { ...run, efiVars: fw.efiVars, swtpmSocket: fw.swtpmSocket },
      volumes,
      network: plan.launch,
    });
  } catch (e) {
    if (e instanceof LaunchError) throw new VmiFailure('InvalidSpec', e.field ? `${e.field}: ${e.message}` : e.message);
    throw e;
  }
  argv = bindForwardsTo(argv, ctx.address);
  if (opts.incoming) argv.push('-incoming', 'defer');

  const child = spawnDetached(QEMU_BINARY, argv, run.qemuLog);
  const pid = child.pid;
  if (pid === undefined) {
    const err = await new Promise<Error>((r) => child.once('error', r));
    throw new VmiFailure('QemuFailed', `cannot start ${QEMU_BINARY}: ${err.message}`);
  }
  const deadline = Date.now() + ctx.startTimeoutMs;
  let guest: RunningGuest;
  try {
    guest = await RunningGuest.attach({ uid, key, run, pid, child, onChange, connectTimeoutMs: ctx.startTimeoutMs });
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) killHard(pid);
    await new Promise((r) => setTimeout(r, 50)); // let QEMU's last words reach the log
    throw new VmiFailure('QemuFailed', `QEMU did not start: ${(e as Error).message}${await logTail(run.qemuLog)}`);
  }
  if (opts.incoming) return guest;
  try {
    await guest.qmp.execute('cont');
    while ((await guest.status()) !== 'running') {
      if (Date.now() > deadline) throw new VmiFailure('StartTimeout', `QEMU did not reach "running" within ${ctx.startTimeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    await guest.kill();
    if (e instanceof VmiFailure) throw e;
    const why = e instanceof QmpError ? e.message : `QEMU exited while starting (${(e as Error).message})`;
    throw new VmiFailure('QemuFailed', `${why}${await logTail(run.qemuLog)}`);
  }
  return guest;
}

async function logTail(path: string): Promise<string> {
  const tail = await tailFile(path, 4);
  return tail ? `: ${tail.replace(/\s*\n\s*/g, ' | ')}` : '';
}
