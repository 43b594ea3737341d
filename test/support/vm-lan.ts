// A second L2 segment for guests across a multi-node test cluster, like a VLAN every node bridges:
// a bridge in the host namespace (with an address, so tests can talk to guests), and in each node's
// namespace a bridge named `br-vm` joined to it by a veth pair. A NetworkAttachmentDefinition of
// CNI type "bridge" with bridge "br-vm" puts guests on it with bridge binding.
import type { Cluster } from './multinode.ts';
import { deleteLink, ip, pickSubnet, randomTag } from './netns.ts';
import { Teardown } from './teardown.ts';

export const NODE_BRIDGE = 'br-vm';

export interface VmLan {
  /** "10.a.b": guests take addresses in it; .1 is the host end. */
  prefix: string;
  hostAddress: string;
  stop(): Promise<void>;
}

export function addVmLan(cluster: Cluster): VmLan {
  const td = new Teardown();
  const disarm = td.guardProcess();
  const tag = randomTag(5);
  const prefix = pickSubnet();
  const hostBridge = `vlb${tag}`;
  try {
    ip('link', 'add', hostBridge, 'type', 'bridge');
    td.add(`bridge ${hostBridge}`, () => deleteLink(hostBridge), () => deleteLink(hostBridge));
    ip('addr', 'add', `${prefix}.1/24`, 'dev', hostBridge);
    ip('link', 'set', hostBridge, 'up');
    cluster.nodes.forEach((node, i) => {
      const hostEnd = `vl${tag}${i}`;
      ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', `${hostEnd}p`);
      td.add(`veth ${hostEnd}`, () => deleteLink(hostEnd), () => deleteLink(hostEnd));
      ip('link', 'set', hostEnd, 'master', hostBridge);
      ip('link', 'set', hostEnd, 'up');
      ip('link', 'set', `${hostEnd}p`, 'netns', node.netns);
      ip('-n', node.netns, 'link', 'add', NODE_BRIDGE, 'type', 'bridge');
      ip('-n', node.netns, 'link', 'set', `${hostEnd}p`, 'master', NODE_BRIDGE);
      ip('-n', node.netns, 'link', 'set', `${hostEnd}p`, 'up');
      ip('-n', node.netns, 'link', 'set', NODE_BRIDGE, 'up');
    });
  } catch (e) {
    td.runSync();
    disarm();
    throw e;
  }
  return {
    prefix,
    hostAddress: `${prefix}.1`,
    async stop() {
      try {
        await td.run();
      } finally {
        disarm();
      }
    },
  };
}
