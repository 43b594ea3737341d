// `vireo up`: the embedded control plane in the foreground until SIGTERM/SIGINT.
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { EmbeddedControlPlane } from '../controlplane/embedded.ts';
import { DEFAULT_ETCD_PREFIX } from '../store/etcd/etcd-store.ts';
import { parseStoreFlags } from '../store/open.ts';
import { parseAccel } from './agent.ts';
import { DEMO_NAMESPACE, DEMO_VM, ensureDemoVm, stageDemoImage } from '../controlplane/demo.ts';

export function parseListen(s: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(s);
  if (!m) throw new Error(`--listen must be HOST:PORT, not "${s}"`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

export function defaultDataDir(): string {
  return process.env.VIREO_DATA_DIR ?? join(homedir(), '.vireo');
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('run the embedded control plane (API server, controllers, a node agent) in the foreground')
    .option('--data-dir <dir>', 'where state, certificates and the kubeconfig live', defaultDataDir())
    .option('--listen <host:port>', 'API server address', '127.0.0.1:6443')
    .option('--node-name <name>', 'name of the Node the in-process agent registers', hostname())
    .option('--accel <mode>', 'auto (probe KVM, else TCG), kvm or tcg', 'auto')
    .option('--no-demo', 'do not create the demo VM')
    .option('--store <kind>', 'sqlite (in the data dir) or etcd (cluster mode)', 'sqlite')
    .option('--etcd-endpoints <urls>', 'with --store etcd: comma-separated client URLs, e.g. http://127.0.0.1:2379')
    .option('--etcd-prefix <prefix>', 'with --store etcd: key prefix, so clusters can share an etcd (default /vireo/)')
    .action(async (opts: { dataDir: string; listen: string; nodeName: string; accel: string; demo: boolean; store: string; etcdEndpoints?: string; etcdPrefix?: string }) => {
      const { host, port } = parseListen(opts.listen);
      const accel = parseAccel(opts.accel);
      const store = parseStoreFlags(opts);
      const guestDir = process.env.VIREO_GUEST_DIR ?? join(fileURLToPath(new URL('../..', import.meta.url)), '.cache/guest');
      const demoImage = opts.demo && stageDemoImage(guestDir, join(opts.dataDir, 'images'));
      const cp = await EmbeddedControlPlane.start({ dataDir: opts.dataDir, host, port, agent: { nodeName: opts.nodeName, accel }, store });
      console.log(`Vireo is up.`);
      console.log(`  API server:  ${cp.api.url}`);
      console.log(`  web console: ${cp.api.url}/  (log in with the token below; the CA is ${opts.dataDir}/pki/ca.crt)`);
      console.log(`  kubeconfig:  ${cp.kubeconfigPath}`);
      console.log(`  store:       ${store.kind === 'etcd' ? `etcd ${store.endpoints.join(',')} (prefix ${store.prefix ?? DEFAULT_ETCD_PREFIX})` : `sqlite ${opts.dataDir}/store.db`}`);
      console.log(`  token:       ${cp.api.adminToken}`);
      console.log(`  node:        ${opts.nodeName} (accel ${cp.agent?.accel?.accel}: ${cp.agent?.accel?.reason})`);
      console.log(`  boot source: ${cp.bootSource}`);
      console.log(`  try:         KUBECONFIG=${cp.kubeconfigPath} kubectl get vm -A`);
      if (opts.demo) {
        if (!demoImage) console.log(`  demo VM:     skipped: no guest built in ${guestDir} (run scripts/setup.sh)`);
        else {
          await ensureDemoVm(cp.client);
          console.log(`  demo VM:     ${DEMO_NAMESPACE}/${DEMO_VM}  (serial console: KUBECONFIG=${cp.kubeconfigPath} bin/vireo console ${DEMO_VM} -n ${DEMO_NAMESPACE})`);
        }
      }
      let stopping = false;
      const stop = (sig: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${sig}: shutting down`);
        cp.stop().then(
          () => process.exit(0),
          (e: unknown) => {
            console.error('shutdown failed:', e);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
