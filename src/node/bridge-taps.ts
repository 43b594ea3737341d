// Bridge binding on a Multus network = a tap device on the node, enslaved to the Linux bridge the
// NetworkAttachmentDefinition names (CNI bridge plugin config: {"type": "bridge", "bridge": "br1"}).
// The guest is then on that L2 segment with its own MAC and address, so its TCP connections
// survive a live migration to another node attached to the same segment: QEMU announces the MAC
// from the target and the bridges learn the new port. The names of the taps a guest got are kept
// in its run dir so every way of cleaning up a guest removes them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NetworkAttachmentDefinition } from '../api/network/network-attachment-definition.ts';
import type { KubeClient } from '../client/client.ts';
import { R } from '../client/resources.ts';
import { VmiFailure } from './vmi-failure.ts';

const run = promisify(execFile);
const TAPS_FILE = 'taps';

export interface TapPlan {
  iface: string;
  tap: string;
  bridge: string;
}

/** A stable tap name (≤ 15 chars) per node, VMI and interface: a migration target gets its own. */
export function tapName(nodeName: string, uid: string, iface: string): string {
  return `vt${createHash('sha256').update(`${nodeName}/${uid}/${iface}`).digest('hex').slice(0, 10)}`;
}

/** The bridge a NetworkAttachmentDefinition attaches to; `networkName` is `name` or `namespace/name`. */
export async function bridgeOf(client: KubeClient, vmiNamespace: string, networkName: string): Promise<string> {
  const [ns, name] = networkName.includes('/') ? (networkName.split('/', 2) as [string, string]) : [vmiNamespace, networkName];
  const nad = await client.tryGet<NetworkAttachmentDefinition>(R.nads, ns, name);
  if (!nad) throw new VmiFailure('NetworkNotFound', `NetworkAttachmentDefinition ${ns}/${name} does not exist`);
  let config: { type?: string; bridge?: string; plugins?: { type?: string; bridge?: string }[] };
  try {
    config = JSON.parse(nad.spec?.config ?? '{}') as typeof config;
  } catch (e) {
    throw new VmiFailure('NetworkNotSupported', `NetworkAttachmentDefinition ${ns}/${name}: spec.config is not valid JSON (${(e as Error).message})`);
  }
  const plugin = config.type ? config : config.plugins?.find((p) => p.type === 'bridge');
  if (plugin?.type !== 'bridge') {
    throw new VmiFailure('NetworkNotSupported', `NetworkAttachmentDefinition ${ns}/${name}: CNI type "${plugin?.type ?? config.plugins?.[0]?.type ?? '?'}" is not supported; Vireo nodes attach guests to Linux bridges (type "bridge")`);
  }
  // The CNI bridge plugin's default bridge name.
  return plugin.bridge ?? 'cni0';
}

/** Creates (or reuses) each tap, enslaves it to its bridge and brings it up; records it for cleanup. */
export async function createTaps(runDir: string, taps: TapPlan[], nodeName: string): Promise<void> {
  for (const t of taps) {
    try {
      await run('ip', ['link', 'show', 'dev', t.bridge]);
    } catch {
      throw new VmiFailure('NetworkNotReady', `interface "${t.iface}": bridge ${t.bridge} does not exist on node ${nodeName}`);
    }
    await appendFile(join(runDir, TAPS_FILE), `${t.tap}\n`);
    const exists = await run('ip', ['link', 'show', 'dev', t.tap]).then(() => true, () => false);
    try {
      if (!exists) await run('ip', ['tuntap', 'add', 'dev', t.tap, 'mode', 'tap']);
      await run('ip', ['link', 'set', 'dev', t.tap, 'master', t.bridge]);
      await run('ip', ['link', 'set', 'dev', t.tap, 'up']);
    } catch (e) {
      throw new VmiFailure('NetworkNotReady', `interface "${t.iface}": cannot create tap ${t.tap} on bridge ${t.bridge}: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`);
    }
  }
}

/** Removes the taps recorded in a run dir (QEMU has exited or is about to be forgotten). */
export async function deleteTaps(runDir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readFile(join(runDir, TAPS_FILE), 'utf8')).split('\n').filter(Boolean);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const tap of new Set(names)) {
    await run('ip', ['link', 'del', 'dev', tap]).catch((e: unknown) => {
      const msg = (e as { stderr?: string }).stderr ?? '';
      if (!/Cannot find device|does not exist/.test(msg)) console.error(`node agent: cannot delete tap ${tap}: ${msg.trim() || (e as Error).message}`);
    });
  }
}
