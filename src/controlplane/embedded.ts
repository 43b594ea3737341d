// The embedded control plane of `vireo up`: the SQLite store, the API server and, once started,
// the controllers — in one process, stopped in reverse order.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allKinds } from '../api/all-kinds.ts';
import { kubeconfigYaml } from '../apiserver/auth.ts';
import { ApiServer } from '../apiserver/server.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { bootstrap } from './bootstrap.ts';
import { registerVmActions } from './vm-actions.ts';
import { registerVmiProxy } from './vmi-proxy.ts';
import { KubeClient } from '../client/client.ts';
import { ControllerManager } from '../controllers/manager.ts';

export interface EmbeddedOptions {
  dataDir: string;
  host: string;
  port: number;
}

export class EmbeddedControlPlane {
  private stoppers: (() => Promise<void>)[] = [];

  private constructor(
    readonly api: ApiServer,
    readonly store: Store,
    readonly kubeconfigPath: string,
    readonly client: KubeClient,
    readonly controllers: ControllerManager,
  ) {}

  static async start(opts: EmbeddedOptions): Promise<EmbeddedControlPlane> {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const store = SqliteStore.open(join(opts.dataDir, 'store.db'));
    const api = new ApiServer({ dataDir: opts.dataDir, host: opts.host, port: opts.port, store, kinds: allKinds });
    registerVmActions(api);
    registerVmiProxy(api);
    await api.listen();
    await bootstrap(api);
    const kubeconfigPath = join(opts.dataDir, 'admin.kubeconfig');
    const tmp = `${kubeconfigPath}.tmp`;
    writeFileSync(tmp, kubeconfigYaml({ server: api.url, caPem: api.caPem, token: api.adminToken }), { mode: 0o600 });
    renameSync(tmp, kubeconfigPath);
    const client = new KubeClient({ server: api.url, caPem: api.caPem, token: api.adminToken });
    const controllers = new ControllerManager(client, allKinds);
    await controllers.start();
    return new EmbeddedControlPlane(api, store, kubeconfigPath, client, controllers);
  }

  /** Registers something to stop (controllers, the node agent) before the API server goes. */
  onStop(fn: () => Promise<void>): void {
    this.stoppers.push(fn);
  }

  async stop(): Promise<void> {
    for (const fn of this.stoppers.reverse()) await fn();
    await this.controllers.stop();
    this.client.close();
    await this.api.close();
    await this.store.close();
  }
}
