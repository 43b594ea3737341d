// KubeVirt's admission rules for spec.accessCredentials (stored free-form): one credential type per
// entry, one source and one propagation method per SSH key, users for the guest agent, and the
// cloud-init volume that noCloud / configDrive propagation writes the keys into.
import type { FieldError } from '../../machinery/kind.ts';
import { invalid } from '../common/field-error.ts';
import { fieldPath, indexPath } from '../common/field-path.ts';
import type { VirtualMachineInstanceSpec } from './vmi-spec.ts';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function validateAccessCredentials(spec: VirtualMachineInstanceSpec, at: string): FieldError[] {
  const list = fieldPath(at, 'accessCredentials');
  const hasNoCloud = (spec.volumes ?? []).some((v) => v.cloudInitNoCloud);
  const hasConfigDrive = (spec.volumes ?? []).some((v) => v.cloudInitConfigDrive);
  const errs: FieldError[] = [];
  (spec.accessCredentials ?? []).forEach((cred, i) => {
    const p = indexPath(list, i);
    const types = ['sshPublicKey', 'userPassword'].filter((t) => cred[t] !== undefined);
    if (types.length !== 1) errs.push(invalid(p, `${p}: must have exactly one access credential type set (sshPublicKey or userPassword)`));
    const ssh = obj(cred['sshPublicKey']);
    if (ssh) {
      const source = fieldPath(p, 'sshPublicKey.source');
      const secretName = obj(obj(ssh['source'])?.['secret'])?.['secretName'];
      if (typeof secretName !== 'string' || secretName === '') errs.push(invalid(source, `${source}: must have exactly one source set (secret.secretName)`));
      const methodPath = fieldPath(p, 'sshPublicKey.propagationMethod');
      const method = obj(ssh['propagationMethod']) ?? {};
      const methods = ['noCloud', 'configDrive', 'qemuGuestAgent'].filter((m) => method[m] !== undefined);
      if (methods.length !== 1) errs.push(invalid(methodPath, `${methodPath}: must have exactly one propagationMethod set (noCloud, configDrive or qemuGuestAgent)`));
      if (method['noCloud'] !== undefined && !hasNoCloud) {
        errs.push(invalid(methodPath, `${p} requires a noCloud volume to exist when the noCloud propagationMethod is in use (a cloudInitNoCloud volume in ${fieldPath(at, 'volumes')})`));
      }
      if (method['configDrive'] !== undefined && !hasConfigDrive) {
        errs.push(invalid(methodPath, `${p} requires a configDrive volume to exist when the configDrive propagationMethod is in use (a cloudInitConfigDrive volume in ${fieldPath(at, 'volumes')})`));
      }
      const qga = method['qemuGuestAgent'];
      if (qga !== undefined) {
        const users = obj(qga)?.['users'];
        const f = fieldPath(methodPath, 'qemuGuestAgent.users');
        if (!Array.isArray(users) || users.length === 0) errs.push(invalid(f, `${p} requires at least one user to be present in the users list`));
        else if (users.some((u) => typeof u !== 'string' || u === '')) errs.push(invalid(f, `${f}: every user must be a non-empty name`));
      }
    }
  });
  return errs;
}
