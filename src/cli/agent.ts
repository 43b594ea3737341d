// `vireo agent`: one node agent in the foreground, reaching the API server through a kubeconfig.
// Guests keep running when it stops (SIGTERM/SIGINT, or a kill -9); the next agent adopts them.
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { KubeClient } from '../client/client.ts';
import { defaultKubeconfigPath, loadKubeconfig } from '../client/kubeconfig.ts';
import type { AccelMode } from '../node/accel.ts';
import { NodeAgent } from '../node/agent.ts';

export function parseAccel(s: string): AccelMode {
  if (s !== 'auto' && s !== 'kvm' && s !== 'tcg') throw new Error(`--accel must be auto, kvm or tcg, not "${s}"`);
  return s;
}

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .description('run a node agent: register this host as a Node and run the VMs bound to it')
    .option('--kubeconfig <file>', 'kubeconfig of the API server', defaultKubeconfigPath())
    .option('--node-name <name>', 'name of the Node to register', hostname())
    .option('--data-dir <dir>', 'where guests\' run directories, images and caches live', process.env.VIREO_DATA_DIR ?? join(homedir(), '.vireo'))
    .option('--accel <mode>', 'auto (probe KVM, else TCG), kvm or tcg', 'auto')
    .option('--address <ip>', 'the node\'s InternalIP; forwarded guest ports listen here', '127.0.0.1')
    .option('--image-dir <dir>', 'local container-disk store (default <data-dir>/images)')
    .action(async (opts: { kubeconfig: string; nodeName: string; dataDir: string; accel: string; address: string; imageDir?: string }) => {
      const client = new KubeClient(loadKubeconfig(opts.kubeconfig));
      const agent = new NodeAgent({ client, nodeName: opts.nodeName, dataDir: opts.dataDir, accel: parseAccel(opts.accel), address: opts.address, imageDir: opts.imageDir });
      await agent.start();
      console.log(`node agent ${opts.nodeName} is running (accel ${agent.accel?.accel}: ${agent.accel?.reason})`);
      let stopping = false;
      const stop = (sig: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`${sig}: stopping the node agent (guests keep running)`);
        agent.stop().then(
          () => {
            client.close();
            process.exit(0);
          },
          (e: unknown) => {
            console.error('node agent shutdown failed:', e);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
