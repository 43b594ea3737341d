// Interfaces → `-netdev` + `-device`. KubeVirt's masquerade (NAT behind the pod IP) maps to QEMU
// user-mode networking (slirp): the guest is NATed behind the QEMU process, gets 10.0.2.15 by DHCP
// (gateway 10.0.2.2, DNS 10.0.2.3; KubeVirt itself hands out 10.0.2.2), and inbound ports reach it
// only through `hostfwd` rules on 127.0.0.1 that the agent allocates and proxies. Bridge binding
// needs a host tap device the agent created; without one the interface cannot be built.
import { LaunchError } from './launch-error.ts';
import type { LaunchInterface, LaunchNetwork, LaunchVmiSpec, PortForward } from './launch-spec.ts';
import { PCI_BUS, netdevId, nicDeviceId, nicSlot, pciAddr } from './layout.ts';
import { opts } from './qemu-opts.ts';

const MODELS: Record<string, string> = {
  virtio: 'virtio-net-pci',
  e1000: 'e1000',
  e1000e: 'e1000e',
  rtl8139: 'rtl8139',
  ne2k_pci: 'ne2k_pci',
  pcnet: 'pcnet',
};

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** KubeVirt's implicit `default` pod interface when the spec declares no interfaces and networks. */
export function effectiveInterfaces(spec: LaunchVmiSpec): { interfaces: LaunchInterface[]; networks: NonNullable<LaunchVmiSpec['networks']> } {
  const devices = spec.domain?.devices;
  if (devices?.interfaces === undefined && spec.networks === undefined && devices?.autoattachPodInterface !== false) {
    return { interfaces: [{ name: 'default', masquerade: {} }], networks: [{ name: 'default', pod: {} }] };
  }
  return { interfaces: devices?.interfaces ?? [], networks: spec.networks ?? [] };
}

export function nicArgs(
  spec: LaunchVmiSpec,
  network: LaunchNetwork | undefined,
  bootIndex: (i: number) => number | undefined,
): string[] {
  const { interfaces, networks } = effectiveInterfaces(spec);
  const argv: string[] = [];
  interfaces.forEach((iface, i) => {
    const field = `spec.domain.devices.interfaces[${i}]`;
    const net = networks.find((n) => n.name === iface.name);
    if (!net) throw new LaunchError(`interface "${iface.name}" has no network of the same name`, field);
    const id = netdevId(i);

    let netdev: string;
    if (iface.bridge) {
      const tap = network?.taps?.[iface.name];
      if (!tap) throw new LaunchError(`interface "${iface.name}": bridge binding needs a tap device, and none was prepared`, `${field}.bridge`);
      netdev = opts('tap', [['id', id], ['ifname', tap], ['script', 'no'], ['downscript', 'no']]);
    } else if (iface.sriov || iface.binding) {
      const kind = iface.sriov ? 'sriov' : `binding "${iface.binding?.name}"`;
      throw new LaunchError(`interface "${iface.name}": ${kind} is not supported (use masquerade or bridge)`, field);
    } else {
      // masquerade, deprecated slirp, or no binding (Vireo's default is masquerade)
      if (!net.pod) throw new LaunchError(`interface "${iface.name}": masquerade works only on the pod network`, `${field}.masquerade`);
      const fwds = (network?.forwards?.[iface.name] ?? []).map((f) => hostfwd(f, iface.name));
      netdev = opts('user', [['id', id], ...fwds.map((f): [string, string] => ['hostfwd', f])]);
    }

    const model = MODELS[iface.model ?? 'virtio'];
    if (!model) throw new LaunchError(`interface "${iface.name}": unknown model "${iface.model}"`, `${field}.model`);
    const mac = iface.macAddress ?? network?.macs?.[iface.name];
    if (!mac) throw new LaunchError(`interface "${iface.name}" has no MAC address`, `${field}.macAddress`);
    if (!MAC.test(mac)) throw new LaunchError(`interface "${iface.name}": invalid MAC address "${mac}"`, `${field}.macAddress`);
    const boot = bootIndex(i);
    argv.push(
      '-netdev',
      netdev,
      '-device',
      opts(model, [
        ['netdev', id],
        ['id', nicDeviceId(iface.name)],
        ['mac', mac.toLowerCase()],
        ['bus', PCI_BUS],
        ['addr', pciAddr(nicSlot(i, iface.name))],
        ['bootindex', boot],
        // Like KubeVirt: no option ROM (iPXE) unless the interface is meant to boot.
        ['romfile', boot === undefined ? '' : undefined],
      ]),
    );
  });
  return argv;
}

function hostfwd(f: PortForward, name: string): string {
  for (const p of [f.hostPort, f.guestPort]) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new LaunchError(`interface "${name}": invalid forwarded port ${p}`);
  }
  const proto = (f.protocol ?? 'TCP').toUpperCase();
  if (proto !== 'TCP' && proto !== 'UDP') throw new LaunchError(`interface "${name}": unsupported protocol "${f.protocol}"`);
  return `${proto.toLowerCase()}:127.0.0.1:${f.hostPort}-:${f.guestPort}`;
}
