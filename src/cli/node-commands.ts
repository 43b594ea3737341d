// `vireo node cordon|uncordon|drain NODE`: node maintenance as kubectl words it. cordon/uncordon
// set spec.unschedulable (the scheduler then places nothing new there); drain cordons and empties
// the node of VMIs as their eviction strategies say (drain.ts), and fails when one cannot leave.
import type { Command } from 'commander';
import { parseGoDuration } from '../api/hco/go-duration.ts';
import { withClient } from './connection.ts';
import { drainNode, setUnschedulable } from './drain.ts';

interface NodeOptions {
  kubeconfig?: string;
}

interface DrainCliOptions extends NodeOptions {
  timeout: string;
}

// Nodes are cluster-wide: the kubeconfig only, no namespace.
const kubeconfigOption = (cmd: Command) => cmd.option('--kubeconfig <file>', 'kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)');

/** `--timeout` as Go writes durations (kubectl's flag): "10m", "90s", "1h30m"; 0 waits forever. */
export function parseTimeout(s: string): number {
  let ms: number;
  try {
    ms = parseGoDuration(s);
  } catch (e) {
    throw new Error(`--timeout: ${(e as Error).message}`, { cause: e });
  }
  if (ms < 0) throw new Error(`--timeout must not be negative, not "${s}"`);
  return ms;
}

async function cordon(node: string, value: boolean, opts: NodeOptions): Promise<void> {
  const changed = await withClient(opts, ({ client }) => setUnschedulable(client, node, value));
  console.log(`node/${node} ${changed ? '' : 'already '}${value ? 'cordoned' : 'uncordoned'}`);
}

async function drain(node: string, opts: DrainCliOptions): Promise<void> {
  const timeoutMs = parseTimeout(opts.timeout);
  const outcome = await withClient(opts, ({ client }) => drainNode(client, node, { timeoutMs }));
  for (const l of outcome.left) console.log(`left on node/${node}: ${l}`);
  if (outcome.refused.length > 0) {
    throw new Error(`node/${node} is not drained: ${outcome.refused.length} VMI(s) could not be evicted: ${outcome.refused.join('; ')}`);
  }
  console.log(`node/${node} drained`);
}

export function registerNodeCommands(program: Command): void {
  const node = program.command('node').description('node maintenance: cordon, uncordon, drain');
  kubeconfigOption(node.command('cordon').description('mark a node unschedulable').argument('<node>')).action((n: string, o: NodeOptions) => cordon(n, true, o));
  kubeconfigOption(node.command('uncordon').description('mark a node schedulable again').argument('<node>')).action((n: string, o: NodeOptions) => cordon(n, false, o));
  kubeconfigOption(
    node
      .command('drain')
      .description('cordon a node and move its VMs away (LiveMigrate), stop them (None) or leave them (External), as their evictionStrategy says')
      .argument('<node>'),
  )
    .option('--timeout <duration>', 'give up after this long (Go duration; 0: wait forever)', '10m')
    .action((n: string, o: DrainCliOptions) => drain(n, o));
}
