// Which store a control plane runs on: SQLite in its data dir (embedded mode, the default) or
// etcd (cluster mode: API servers on several hosts share it).
import { join } from 'node:path';
import { EtcdStore } from './etcd/etcd-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export type StoreConfig = { kind: 'sqlite' } | { kind: 'etcd'; endpoints: string[]; prefix?: string };

export async function openStore(config: StoreConfig, dataDir: string): Promise<Store> {
  if (config.kind === 'etcd') return EtcdStore.open({ endpoints: config.endpoints, prefix: config.prefix });
  return SqliteStore.open(join(dataDir, 'store.db'));
}

/** The store config of `--store` and its etcd flags, refusing combinations that make no sense. */
export function parseStoreFlags(flags: { store: string; etcdEndpoints?: string; etcdPrefix?: string }): StoreConfig {
  if (flags.store === 'sqlite') {
    if (flags.etcdEndpoints || flags.etcdPrefix) throw new Error('--etcd-endpoints and --etcd-prefix need --store etcd');
    return { kind: 'sqlite' };
  }
  if (flags.store !== 'etcd') throw new Error(`--store must be sqlite or etcd, not "${flags.store}"`);
  const endpoints = (flags.etcdEndpoints ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (endpoints.length === 0) throw new Error('--store etcd needs --etcd-endpoints URL[,URL…] (e.g. http://127.0.0.1:2379)');
  return { kind: 'etcd', endpoints, prefix: flags.etcdPrefix };
}
