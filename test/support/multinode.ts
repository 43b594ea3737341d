// A multi-node Vireo on one machine, for migration tests: a bridge in the host namespace, one
// network namespace per node joined to it by a veth pair, the embedded control plane (no agent)
// listening on the bridge address, and a `vireo agent` child process inside each namespace with
// the node's own address. Every migration between these nodes crosses a real (virtual) network.
//
// stop() removes all of it, also after a start that failed half way; if a test never gets to call
// it, the synchronous part runs when the process exits or is ended by SIGINT/SIGTERM/SIGHUP.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from '../../src/api/core/node.ts';
import { KubeClient } from '../../src/client/client.ts';
import { loadKubeconfig } from '../../src/client/kubeconfig.ts';
import { R } from '../../src/client/resources.ts';
import { EmbeddedControlPlane } from '../../src/controlplane/embedded.ts';
import type { AccelMode } from '../../src/node/accel.ts';
import { AgentProcess } from './agent-process.ts';
import { addBridge, addNodeNetns, deleteLink, deleteNetns, killNetnsProcesses, netnsAvailable, netnsPids, pickSubnet, randomTag } from './netns.ts';
import { Teardown } from './teardown.ts';
import { guestDir, stageTinyImage, waitFor } from './vm-e2e.ts';

export { netnsAvailable } from './netns.ts';

export interface ClusterOptions {
  nodes: 2 | 3;
  /** Default tcg: the development machines' KVM does not run guests (see README). */
  accel?: AccelMode;
  /** Stage the tiny guest as containerDisk `vireo.local/tiny:latest` on every node; default true. */
  stageTiny?: boolean;
  /** Per agent start; default 90 s. */
  agentStartTimeoutMs?: number;
}

export interface ClusterNode {
  name: string;
  netns: string;
  /** The node's InternalIP on the bridge. */
  address: string;
  dataDir: string;
  imageDir: string;
  /** The current agent child process (replaced by restartAgent). */
  readonly agent: AgentProcess;
  /** Stops the agent (SIGTERM; guests keep running) and starts a new one, resolving once it runs. */
  restartAgent(): Promise<void>;
  /** Sends `signal` to the agent (default SIGKILL) and, unless it only stops or continues it, waits for its exit. */
  killAgent(signal?: NodeJS.Signals): Promise<void>;
}

export interface Cluster {
  cp: EmbeddedControlPlane;
  client: KubeClient;
  kubeconfig: string;
  nodes: ClusterNode[];
  bridge: string;
  bridgeAddress: string;
  /** Root of every directory the cluster uses. */
  dir: string;
  stop(): Promise<void>;
}

const POLL_MS = 200;

/** Builds the cluster; throws (after removing what it made) when any step fails. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const unavailable = await netnsAvailable();
  if (unavailable) throw new Error(`multi-node cluster: ${unavailable}`);
  const td = new Teardown();
  const disarm = td.guardProcess();
  const stop = async () => {
    try {
      await td.run();
    } finally {
      disarm();
    }
  };
  try {
    return await build(opts, td, stop);
  } catch (e) {
    try {
      await stop();
    } catch (cleanup) {
      throw new AggregateError([e, cleanup], `${(e as Error).message} (and the cleanup failed: ${(cleanup as Error).message})`, { cause: cleanup });
    }
    throw e;
  }
}

async function build(opts: ClusterOptions, td: Teardown, stop: () => Promise<void>): Promise<Cluster> {
  // Short: guests' unix sockets live under the node data dirs (108-byte limit, src/node/run-dir.ts).
  const dir = mkdtempSync(join(tmpdir(), 'vmn-'));
  const rmDir = () => rmSync(dir, { recursive: true, force: true });
  td.add(`remove ${dir}`, rmDir, rmDir);

  const tag = randomTag(5);
  const subnet = pickSubnet();
  const bridge = `vbr${tag}`;
  const bridgeAddress = `${subnet}.1`;
  addBridge(bridge, `${bridgeAddress}/24`);
  td.add(`delete bridge ${bridge}`, () => deleteLink(bridge), () => deleteLink(bridge));

  const plans = Array.from({ length: opts.nodes }, (_, k) => {
    const i = k + 1;
    const nodeDir = join(dir, `n${i}`);
    return { i, name: `node${i}`, netns: `vireo-${tag}-n${i}`, veth: `vr${tag}n${i}`, address: `${subnet}.${10 + i}`, dataDir: nodeDir, imageDir: join(nodeDir, 'img') };
  });
  for (const p of plans) {
    const undo = async () => {
      killNetnsProcesses(p.netns);
      await waitFor(`every process in ${p.netns} to end`, 15_000, () => netnsPids(p.netns).length === 0 || undefined, POLL_MS);
      deleteLink(p.veth);
      deleteNetns(p.netns);
    };
    const undoSync = () => {
      killNetnsProcesses(p.netns);
      deleteLink(p.veth); // removes the pair even while dying processes still hold the namespace
      deleteNetns(p.netns);
    };
    // Registered first: a namespace that was only half set up is still removed.
    td.add(`remove ${p.netns} and its processes`, undo, undoSync);
    addNodeNetns(p.netns, bridge, p.veth, `${p.address}/24`, bridgeAddress);
    mkdirSync(p.imageDir, { recursive: true });
    if (opts.stageTiny ?? true) await stageTinyImage(p.imageDir);
  }

  const cp = await EmbeddedControlPlane.start({ dataDir: join(dir, 'cp'), host: bridgeAddress, port: 0, guestDir });
  const client = new KubeClient(loadKubeconfig(cp.kubeconfigPath));
  td.add('stop the control plane', async () => {
    client.close();
    await cp.stop();
  });

  const nodes: ClusterNode[] = [];
  for (const p of plans) {
    const agent = new AgentProcess({
      netns: p.netns,
      nodeName: p.name,
      logFile: join(dir, `${p.name}-agent.log`),
      args: ['--kubeconfig', cp.kubeconfigPath, '--node-name', p.name, '--data-dir', p.dataDir, '--accel', opts.accel ?? 'tcg', '--address', p.address, '--image-dir', p.imageDir],
    });
    td.add(`stop the agent of ${p.name}`, () => agent.stop('SIGTERM'), () => agent.killSync());
    const timeout = opts.agentStartTimeoutMs ?? 90_000;
    await agent.start(timeout);
    await nodeReady(client, p.name, p.address, timeout);
    nodes.push({
      name: p.name,
      netns: p.netns,
      address: p.address,
      dataDir: p.dataDir,
      imageDir: p.imageDir,
      agent,
      restartAgent: async () => {
        await agent.stop('SIGTERM');
        await agent.start(timeout);
      },
      killAgent: (signal: NodeJS.Signals = 'SIGKILL') => agent.stop(signal),
    });
  }
  return { cp, client, kubeconfig: cp.kubeconfigPath, nodes, bridge, bridgeAddress, dir, stop };
}

/** Waits for the Node to be Ready with `address` as its InternalIP. */
async function nodeReady(client: KubeClient, name: string, address: string, timeoutMs: number): Promise<Node> {
  return waitFor(`Node ${name} Ready at ${address}`, timeoutMs, async () => {
    const n = await client.tryGet<Node>(R.nodes, undefined, name);
    const ready = n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const ip = n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    return ready && ip === address ? n : undefined;
  }, POLL_MS);
}
