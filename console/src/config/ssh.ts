// The SSH sub-tab: the VM's public SSH key, kept as KubeVirt keeps it — a Secret of the project
// referenced from spec.template.spec.accessCredentials (sshPublicKey, propagationMethod noCloud, so
// cloud-init adds it at the next boot) — and how to connect: Vireo forwards the guest's port 22
// from a node port named in the VMI annotation vireo.io/port-forwards (see `vireo ssh`).
import type { Secret, VirtualMachineInstance } from '../api/types.ts';
import { CLOUD_INIT_DISK } from '../wizard/cloud-init.ts';
import { isSshKey } from '../wizard/field-rules.ts';
import type { Message } from '../catalog/message.ts';
import { forwardedSshPort } from '../vm/ssh-command.ts';
import { appendOps, pointer, setOps, type PatchOp } from './json-patch.ts';
import { DEVICES, SPEC, templateSpecOf, type ConfigVm, type SshCredential } from './vm-view.ts';

/** The Secret key the public key is stored under, as the OpenShift console stores it. */
export const SECRET_KEY = 'key';

export interface SshKeyView {
  secretName: string;
  propagation: string;
}

export function sshKeyOf(vm: ConfigVm): SshKeyView | undefined {
  const c = (templateSpecOf(vm).accessCredentials ?? []).find((x) => x.sshPublicKey);
  const name = c?.sshPublicKey?.source?.secret?.secretName;
  if (!name) return undefined;
  return { secretName: name, propagation: Object.keys(c?.sshPublicKey?.propagationMethod ?? {})[0] ?? '' };
}

export function sshKeyProblems(key: string): Message[] {
  if (key.trim() === '') return [{ key: 'config.sshKeyEmpty' }];
  return isSshKey(key.trim()) ? [] : [{ key: 'config.sshKeyInvalid' }];
}

/** The Secret holding `key`, named after the VM and owned by it (deleted with it). */
export function sshKeySecret(vm: ConfigVm, key: string): Secret & { metadata: { generateName: string; ownerReferences?: unknown[] } } {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: '',
      generateName: `${vm.metadata.name}-ssh-key-`,
      namespace: vm.metadata.namespace,
      ...(vm.metadata.uid ? { ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: vm.metadata.name, uid: vm.metadata.uid }] } : {}),
    },
    type: 'Opaque',
    data: { [SECRET_KEY]: btoa(key.trim()) },
  };
}

/**
 * The ops that point the VM's sshPublicKey credential at `secretName` with noCloud propagation
 * (replacing the one there is, others kept), adding a NoCloud disk when the VM has no cloud-init
 * to carry the key.
 */
export function sshKeyOps(vm: ConfigVm, secretName: string): PatchOp[] {
  const spec = templateSpecOf(vm);
  const cred: SshCredential = { sshPublicKey: { source: { secret: { secretName } }, propagationMethod: { noCloud: {} } } };
  const list = spec.accessCredentials ?? [];
  const i = list.findIndex((c) => c.sshPublicKey);
  const ops: PatchOp[] = i >= 0 ? [{ op: 'replace', path: pointer([...SPEC, 'accessCredentials', i]), value: cred }] : setOps(vm, [...SPEC, 'accessCredentials'], [...list, cred]);
  if (!spec.volumes?.some((v) => v.cloudInitNoCloud)) {
    ops.push(
      ...appendOps(vm, [...DEVICES, 'disks'], { name: CLOUD_INIT_DISK, disk: { bus: 'virtio' } }),
      ...appendOps(vm, [...SPEC, 'volumes'], { name: CLOUD_INIT_DISK, cloudInitNoCloud: { userData: '#cloud-config\n' } }),
    );
  }
  return ops;
}

/** Where the guest's SSH is reachable (forwarded port 22 on the node address), if it is. */
export function sshEndpoint(vmi: VirtualMachineInstance | undefined): { address: string; port: number } | undefined {
  const address = vmi?.status?.interfaces?.[0]?.ipAddress;
  const port = forwardedSshPort(vmi);
  return address && port !== undefined ? { address, port } : undefined;
}

/** The commands to copy: plain ssh to the forwarded port, and the vireo CLI's virtctl-style one. */
export function sshCommands(vm: ConfigVm, endpoint: { address: string; port: number }, user: string): { ssh: string; vireo: string } {
  const at = user ? `${user}@` : '';
  return {
    ssh: `ssh -p ${endpoint.port} ${at}${endpoint.address}`,
    vireo: `vireo ssh ${at}vm/${vm.metadata.name} -n ${vm.metadata.namespace ?? 'default'}`,
  };
}
