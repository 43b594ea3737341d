// `vireo top vm [-n NS | -A]`: the current CPU and memory of each running VM, from its VMI's
// metrics subresource (the node agent's newest sample: QEMU's CPU cores and resident memory).
// A VM whose metrics cannot be read is named on stderr with the reason, and the exit code is 1.
import type { Command } from 'commander';
import type { VirtualMachineInstance } from '../api/kubevirt/index.ts';
import { R } from '../client/resources.ts';
import type { MetricsResponse } from '../node/metrics/wire.ts';
import { oneLine, withClient, withConnection, type ConnectionOptions } from './connection.ts';
import { vmiSubresource } from './paths.ts';
import { topTable, type TopRow } from './top-format.ts';

export function registerTop(program: Command): void {
  const top = program.command('top').description('show the resource usage of VMs');
  withConnection(top.command('vm').description('current CPU (cores) and memory of each running VM'))
    .option('-A, --all-namespaces', 'VMs of every namespace')
    .action((opts: ConnectionOptions & { allNamespaces?: boolean }) =>
      withClient(opts, async (conn) => {
        const vmis = await conn.client.list<VirtualMachineInstance>(R.vmis, opts.allNamespaces ? undefined : conn.namespace);
        const running = vmis.items.filter((v) => v.status?.phase === 'Running');
        const rows: TopRow[] = [];
        const failures: string[] = [];
        for (const v of running) {
          const ns = v.metadata.namespace ?? '';
          const name = v.metadata.name ?? '';
          try {
            // The last minute is enough for the newest sample.
            const m = await conn.client.request<MetricsResponse>('GET', vmiSubresource(ns, name, 'metrics'), { query: { since: 60 } });
            const s = m.samples.at(-1);
            if (m.error) failures.push(`${ns}/${name}: ${m.error}`);
            else if (!s) failures.push(`${ns}/${name}: metrics not available yet`);
            else rows.push({ namespace: ns, name, cpuCores: s.cpuCores, memoryBytes: s.memoryRssBytes });
          } catch (e) {
            failures.push(`${ns}/${name}: ${oneLine(e)}`);
          }
        }
        if (running.length === 0) console.error(`No running VirtualMachineInstances ${opts.allNamespaces ? 'found' : `in namespace ${conn.namespace}`}`);
        if (rows.length > 0) process.stdout.write(topTable(rows, opts.allNamespaces === true));
        for (const f of failures) console.error(`error: ${f}`);
        if (failures.length > 0) process.exitCode = 1;
      }),
    );
}
