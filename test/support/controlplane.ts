// Starts a real embedded control plane on a free loopback port in a temp dir, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedControlPlane } from '../../src/controlplane/embedded.ts';
import { KubeClient } from '../../src/client/client.ts';
import { loadKubeconfig } from '../../src/client/kubeconfig.ts';

export interface TestControlPlane {
  cp: EmbeddedControlPlane;
  dataDir: string;
  kubeconfig: string;
  client: KubeClient;
  stop(): Promise<void>;
}

export async function startControlPlane(opts: { dataDir?: string } = {}): Promise<TestControlPlane> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vireo-test-'));
  const cp = await EmbeddedControlPlane.start({ dataDir, host: '127.0.0.1', port: 0 });
  const client = new KubeClient(loadKubeconfig(cp.kubeconfigPath));
  return {
    cp,
    dataDir,
    kubeconfig: cp.kubeconfigPath,
    client,
    async stop() {
      client.close();
      await cp.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
