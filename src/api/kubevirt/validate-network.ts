// Rules for interfaces and networks of a VMI spec: they pair up by name, at most one pod network,
// and the binding must suit the network it is on.
import type { FieldError } from '../../machinery/kind.ts';
import { forbidden, invalid } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import { duplicateNames } from '../common/unique-names.ts';
import { INTERFACE_MODELS, PORT_PROTOCOLS } from './enums.ts';
import { checkEnum } from './validate-enum.ts';
import type { Interface } from './vmi-domain.ts';
import type { Network } from './vmi-networks.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

// KubeVirt's rule for interface and network names (they name NICs and Multus attachments, not objects).
const NETWORK_NAME = /^[A-Za-z0-9_-]+$/;
const BINDINGS = ['bridge', 'masquerade', 'sriov', 'passt', 'binding'] as const;

function isPodNetwork(net: Network | undefined): boolean {
  return !!net && (net.pod !== undefined || net.multus?.default === true);
}

export function validateNetworks(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const ifacePath = fieldPath(at, 'domain.devices.interfaces');
  const netPath = fieldPath(at, 'networks');
  const ifaces = spec.domain?.devices?.interfaces ?? [];
  const nets = spec.networks ?? [];
  const netByName = new Map(nets.map((n) => [n.name, n]));
  const ifaceNames = new Set(ifaces.map((i) => i.name));
  const errs: FieldError[] = [...duplicateNames(ifaces, ifacePath), ...duplicateNames(nets, netPath)];

  ifaces.forEach((iface, i) => {
    const p = indexPath(ifacePath, i);
    const net = netByName.get(iface.name);
    errs.push(...validateInterface(iface, p));
    if (!net) {
      const f = fieldPath(p, 'name');
      errs.push(invalid(f, `${f}: interface "${iface.name}" has no network of the same name in ${netPath}: every interface needs one`));
      return;
    }
    if (iface.masquerade && !isPodNetwork(net)) {
      const f = fieldPath(p, 'masquerade');
      errs.push(forbidden(f, `${f}: masquerade binding works only on the pod network, and network "${net.name}" is a Multus network: use bridge or sriov`));
    }
    if (iface.bridge && isPodNetwork(net) && spec.evictionStrategy === 'LiveMigrate') {
      const f = fieldPath(p, 'bridge');
      errs.push(
        forbidden(
          f,
          `${f}: bridge binding on the pod network cannot be combined with ${fieldPath(at, 'evictionStrategy')} "LiveMigrate": ` +
            `it hands the pod's IP address to the guest, and that address cannot move to another node, so the VM could never live-migrate. ` +
            `Use masquerade on the pod network, or another evictionStrategy`,
        ),
      );
    }
  });

  let podNetworks = 0;
  nets.forEach((net, i) => {
    const p = indexPath(netPath, i);
    const nameF = fieldPath(p, 'name');
    if (!NETWORK_NAME.test(net.name)) {
      errs.push(invalid(nameF, `${nameF}: a network name may contain only letters, digits, '-' and '_' (got "${net.name}")`));
    }
    const kinds = [net.pod, net.multus].filter((k) => k !== undefined).length;
    if (kinds !== 1) errs.push(invalid(p, `${p}: a network must be exactly one of pod or multus`));
    if (isPodNetwork(net) && ++podNetworks > 1) {
      errs.push(forbidden(p, `${p}: only one pod network (pod: {} or multus with default: true) is allowed per VM`));
    }
    if (!ifaceNames.has(net.name)) {
      errs.push(invalid(nameF, `${nameF}: network "${net.name}" has no interface of the same name in ${ifacePath}: every network needs one`));
    }
  });
  return errs;
}

function validateInterface(iface: Interface, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const nameF = fieldPath(p, 'name');
  if (!NETWORK_NAME.test(iface.name)) {
    errs.push(invalid(nameF, `${nameF}: an interface name may contain only letters, digits, '-' and '_' (got "${iface.name}")`));
  }
  errs.push(...checkEnum(fieldPath(p, 'model'), iface.model, INTERFACE_MODELS));
  const bindings = BINDINGS.filter((b) => iface[b] !== undefined);
  if (bindings.length > 1) errs.push(invalid(p, `${p}: an interface may have only one binding method (got ${bindings.join(', ')})`));
  if (iface.macAddress !== undefined && !/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(iface.macAddress)) {
    const f = fieldPath(p, 'macAddress');
    errs.push(invalid(f, `${f}: "${iface.macAddress}" is not a MAC address such as de:00:00:00:00:de`));
  }
  (iface.ports ?? []).forEach((port, j) => {
    const pp = indexPath(fieldPath(p, 'ports'), j);
    if (port.port < 1 || port.port > 65535) errs.push(invalid(fieldPath(pp, 'port'), `${fieldPath(pp, 'port')}: must be between 1 and 65535`));
    errs.push(...checkEnum(fieldPath(pp, 'protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}
