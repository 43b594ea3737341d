// The embedded control plane of `vireo up`: the store (SQLite in the data dir, or etcd), the API
// server and, once started, the controllers — in one process, stopped in reverse order.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allKinds } from '../api/all-kinds.ts';
import { kubeconfigYaml } from '../apiserver/auth.ts';
import { ApiServer } from '../apiserver/server.ts';
import { openStore, type StoreConfig } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { bootstrap } from './bootstrap.ts';
import { consoleHandler } from './console-assets.ts';
import { bootSourceFiles } from './templates/boot-source-files.ts';
import { installTemplates } from './templates/install.ts';
import { bootSourceDisks, defaultGuestDir, ensureTinyBootSource } from './templates/tiny-boot-source.ts';
import { registerUploads } from './upload/index.ts';
import { registerVmActions } from './vm-actions.ts';
import { registerVmMigrate } from './vm-migrate.ts';
import { registerVmiProxy } from './vmi-proxy.ts';
import { KubeClient } from '../client/client.ts';
import { ControllerManager } from '../controllers/manager.ts';
import type { AccelMode } from '../node/accel.ts';
import { NodeAgent } from '../node/agent.ts';

/** The node agent `vireo up` runs in-process for the local host. */
export interface EmbeddedAgentOptions {
  nodeName: string;
  accel: AccelMode;
  address?: string;
  imageDir?: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Run one node agent in-process (its data lives under dataDir); none when absent. */
  agent?: EmbeddedAgentOptions;
  /** Where set-up built the tiny guest, the vireo-tiny boot source (default: .cache/guest). */
  guestDir?: string;
  /** The store (default: SQLite in dataDir). */
  store?: StoreConfig;
}

export class EmbeddedControlPlane {
  private stoppers: (() => Promise<void>)[] = [];
  /** The in-process node agent, when started with one. */
  agent: NodeAgent | undefined;
  /** Where the tiny boot source stands after start (one line, for `vireo up`). */
  bootSource = '';

  private constructor(
    readonly api: ApiServer,
    readonly store: Store,
    readonly kubeconfigPath: string,
    readonly client: KubeClient,
    readonly controllers: ControllerManager,
  ) {}

  static async start(opts: EmbeddedOptions): Promise<EmbeddedControlPlane> {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    const store = await openStore(opts.store ?? { kind: 'sqlite' }, opts.dataDir);
    const api = new ApiServer({ dataDir: opts.dataDir, host: opts.host, port: opts.port, store, kinds: allKinds });
    registerVmActions(api);
    registerVmMigrate(api);
    registerVmiProxy(api);
    const guestDir = opts.guestDir ?? defaultGuestDir();
    const uploads = registerUploads(api, opts.dataDir);
    api.setRootHandler(uploads(bootSourceFiles(bootSourceDisks(guestDir), consoleHandler())));
    await api.listen();
    await bootstrap(api);
    await installTemplates(api);
    const kubeconfigPath = join(opts.dataDir, 'admin.kubeconfig');
    const tmp = `${kubeconfigPath}.tmp`;
    writeFileSync(tmp, kubeconfigYaml({ server: api.url, caPem: api.caPem, token: api.adminToken }), { mode: 0o600 });
    renameSync(tmp, kubeconfigPath);
    const client = new KubeClient({ server: api.url, caPem: api.caPem, token: api.adminToken });
    const controllers = new ControllerManager(client, allKinds);
    await controllers.start();
    const cp = new EmbeddedControlPlane(api, store, kubeconfigPath, client, controllers);
    try {
      // Agents on this host reach the API server on loopback when it listens on every address.
      const serverUrl = ['0.0.0.0', '::'].includes(opts.host) ? `https://127.0.0.1:${api.port}` : api.url;
      cp.bootSource = await ensureTinyBootSource(client, { serverUrl, caPem: api.caPem, guestDir });
    } catch (e) {
      await cp.stop();
      throw e;
    }
    if (opts.agent) {
      const agent = new NodeAgent({ client, dataDir: opts.dataDir, ...opts.agent });
      try {
        await agent.start();
      } catch (e) {
        await agent.stop();
        await cp.stop();
        throw e;
      }
      cp.agent = agent;
      cp.onStop(() => agent.stop());
    }
    return cp;
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
