// Shared by the firmware, volume and kill -9 end-to-end files: a VM (or bare VMI) around the tiny
// guest whose cloud-init user-data runs `#vireo-run:` lines (scripts/guest/rootfs/bin/vireo-cidata),
// the UEFI test disk staged as a containerDisk, a VMI's serial log read from its run dir, and waits
// on phases and serial lines.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VirtualMachine, VirtualMachineInstance } from '../../src/api/kubevirt/index.ts';
import type { KubeClient } from '../../src/client/client.ts';
import { R } from '../../src/client/resources.ts';
import { vmSubresource } from '../../src/cli/paths.ts';
import { TINY_IMAGE, guestDir, stageTinyImage, waitFor } from './vm-e2e.ts';

export const NS = 'default';
/** disk-uefi.qcow2: GPT + ESP with an unsigned unified kernel image (build-test-guest.sh). */
export const TINY_UEFI_IMAGE = 'vireo.local/tiny-uefi:latest';

/** Stages both test disks: TINY_IMAGE (BIOS) and TINY_UEFI_IMAGE. */
export async function stageGuestImages(imageDir: string): Promise<void> {
  await stageTinyImage(imageDir);
  const dir = join(imageDir, 'vireo.local/tiny-uefi/latest');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(guestDir, 'disk-uefi.qcow2'), join(dir, 'disk.qcow2'));
}

type VmiSpec = NonNullable<VirtualMachineInstance['spec']>;
type Domain = VmiSpec['domain'];
type Disk = NonNullable<NonNullable<Domain['devices']>['disks']>[number];
type Volume = NonNullable<VmiSpec['volumes']>[number];

export interface GuestOptions {
  image?: string;
  /** Default 128Mi; 256Mi for TINY_UEFI_IMAGE, whose unified kernel image spans ~50 MiB of address
   * space (section addresses as systemd 252 documents them): OVMF fails to load it in 128 MiB
   * ("Out of Resources"). */
  memory?: string;
  /** Shell lines the guest runs from its cloud-init user-data, in order, at every boot. */
  run?: string[];
  /** Domain fields beside resources and devices (firmware, features, machine). */
  domain?: Omit<Domain, 'devices' | 'resources'>;
  /** Devices beside disks (tpm, …). */
  devices?: Omit<NonNullable<Domain['devices']>, 'disks'>;
  disks?: Disk[];
  volumes?: Volume[];
}

/** The VMI spec: root disk, cloud-init, then `disks`/`volumes`. */
export function guestSpec(opts: GuestOptions): VmiSpec {
  const userData = ['#cloud-config', ...(opts.run ?? []).map((l) => `#vireo-run: ${l}`)].join('\n');
  return {
    terminationGracePeriodSeconds: 10,
    domain: {
      ...opts.domain,
      resources: { requests: { memory: opts.memory ?? (opts.image === TINY_UEFI_IMAGE ? '256Mi' : '128Mi') } },
      devices: { ...opts.devices, disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }, ...(opts.disks ?? [])] },
    },
    volumes: [{ name: 'root', containerDisk: { image: opts.image ?? TINY_IMAGE } }, { name: 'cloudinit', cloudInitNoCloud: { userData } }, ...(opts.volumes ?? [])],
  };
}

export function guestVmi(name: string, opts: GuestOptions): VirtualMachineInstance {
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name, namespace: NS }, spec: guestSpec(opts) };
}

export function guestVm(name: string, opts: GuestOptions): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: { runStrategy: 'Always', template: { metadata: { labels: { app: name } }, spec: guestSpec(opts) } },
  };
}

/** Waits for the VMI `name` (other than `notUid`, e.g. before a restart) to reach one of `phases`. */
export function vmiInPhase(client: KubeClient, name: string, phases: string[], timeoutMs: number, notUid?: string): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name} in ${phases.join('/')}`, timeoutMs, async () => {
    const v = await client.tryGet<VirtualMachineInstance>(R.vmis, NS, name);
    if (!v || v.metadata.uid === notUid) return undefined;
    return phases.includes(v.status?.phase ?? '') ? v : undefined;
  }, 200);
}

/** Like vmiInPhase for Running, but a Failed VMI fails at once with its reason. */
export async function vmiRunning(client: KubeClient, name: string, timeoutMs: number, notUid?: string): Promise<VirtualMachineInstance> {
  const v = await vmiInPhase(client, name, ['Running', 'Failed', 'Succeeded'], timeoutMs, notUid);
  if (v.status?.phase !== 'Running') throw new Error(`VMI ${name} is ${v.status?.phase}: ${JSON.stringify(v.status?.conditions)}`);
  return v;
}

export const runDirOf = (dataDir: string, uid: string): string => join(dataDir, 'vmis', uid);

/** The serial console so far (kept in the run dir until the VMI is deleted); '' before any output. */
export function serialText(dataDir: string, uid: string): string {
  try {
    return readFileSync(join(runDirOf(dataDir, uid), 'serial.log'), 'latin1').replace(/\r/g, '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/** Waits for a serial line matching `re` (use ^…$ with the m flag) and returns its match. */
export async function serialLine(dataDir: string, uid: string, re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  try {
    return await waitFor(`${re} on the serial console of ${uid}`, timeoutMs, () => serialText(dataDir, uid).match(re) ?? undefined, 250);
  } catch (e) {
    const tail = serialText(dataDir, uid).split('\n').filter((l) => !l.startsWith('vireo-heartbeat')).slice(-15).join('\n');
    throw new Error(`${(e as Error).message}; the console's last lines (heartbeats left out):\n${tail}`, { cause: e });
  }
}

/** KubeVirt's restart action (graceful stop, then a new VMI). */
export async function restartVm(client: KubeClient, name: string): Promise<void> {
  await client.request('PUT', vmSubresource(NS, name, 'restart'), { body: {} });
}

/** PIDs of swtpm processes whose command line contains `needle` (a VMI uid or a state dir). */
export function swtpmPids(needle: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `^swtpm .*${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`]).toString().split('\n').filter(Boolean).map(Number);
  } catch (e) {
    if ((e as { status?: number }).status === 1) return []; // pgrep: nothing matched
    throw e;
  }
}
