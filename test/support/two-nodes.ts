// Two node agents in one test process, for migration tests: the control plane's own agent as
// node1 on 127.0.0.1 and a second NodeAgent as node2 on 127.0.0.2, each with its own data dir and
// the tiny guest staged. stop() ends both agents, the control plane and node2's leftover guests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeAgent } from '../../src/node/agent.ts';
import { startControlPlane, type TestControlPlane } from './controlplane.ts';
import { killLeftoverGuests } from './guests.ts';
import { stageTinyImage } from './vm-e2e.ts';

export interface TwoNodes {
  tcp: TestControlPlane;
  node2: NodeAgent;
  node2Dir: string;
  /** The data dir of node1 or node2 (where their guests' run dirs are). */
  dataDirOf(node: string): string;
  stop(): Promise<void>;
}

export async function startTwoNodes(): Promise<TwoNodes> {
  const tcp = await startControlPlane({ agent: { accel: 'tcg', nodeName: 'node1' } });
  const node2Dir = mkdtempSync(join(tmpdir(), 'vireo-n2-'));
  const node2 = new NodeAgent({ client: tcp.client, nodeName: 'node2', dataDir: node2Dir, accel: 'tcg', address: '127.0.0.2' });
  const stop = async () => {
    await node2.stop();
    await tcp.stop();
    await killLeftoverGuests(node2Dir);
    rmSync(node2Dir, { recursive: true, force: true });
  };
  try {
    await stageTinyImage(join(tcp.dataDir, 'images'));
    await stageTinyImage(join(node2Dir, 'images'));
    await node2.start();
  } catch (e) {
    await stop();
    throw e;
  }
  return { tcp, node2, node2Dir, dataDirOf: (node) => (node === 'node1' ? tcp.dataDir : node2Dir), stop };
}
