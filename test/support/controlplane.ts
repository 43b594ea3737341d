// Starts a real embedded control plane on a free loopback port in a temp dir, for tests. By
// default without a node agent (tests that simulate the node); `{ agent: { accel: 'tcg' } }` runs
// one in-process as node `vireo-test-node`, and stop() then also ends any QEMU it left running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedControlPlane } from '../../src/controlplane/embedded.ts';
import { KubeClient } from '../../src/client/client.ts';
import { loadKubeconfig } from '../../src/client/kubeconfig.ts';
import type { AccelMode } from '../../src/node/accel.ts';
import type { StoreConfig } from '../../src/store/open.ts';
import { killLeftoverGuests } from './guests.ts';

export const TEST_NODE = 'vireo-test-node';

export interface TestControlPlane {
  cp: EmbeddedControlPlane;
  dataDir: string;
  kubeconfig: string;
  client: KubeClient;
  stop(): Promise<void>;
}

export interface TestAgentOptions {
  accel: AccelMode;
  nodeName?: string;
  imageDir?: string;
}

export async function startControlPlane(opts: { dataDir?: string; agent?: TestAgentOptions | false; guestDir?: string; store?: StoreConfig } = {}): Promise<TestControlPlane> {
  // Short path: guests' unix sockets live under it (108-byte limit).
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vireo-test-'));
  const agent = opts.agent ? { nodeName: opts.agent.nodeName ?? TEST_NODE, accel: opts.agent.accel, imageDir: opts.agent.imageDir } : undefined;
  const cp = await EmbeddedControlPlane.start({ dataDir, host: '127.0.0.1', port: 0, agent, guestDir: opts.guestDir, store: opts.store });
  const client = new KubeClient(loadKubeconfig(cp.kubeconfigPath));
  return {
    cp,
    dataDir,
    kubeconfig: cp.kubeconfigPath,
    client,
    async stop() {
      client.close();
      await cp.stop();
      if (agent) await killLeftoverGuests(dataDir);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
