// The parts of a VirtualMachine the Configuration tab reads, typed that far: the wizard's shapes
// (disks, volumes, NICs, DataVolume templates) plus scheduling, firmware and access credentials.
// Everything else the object carries is never rewritten: the tab only sends patches.
import type { Condition, ObjectMeta, VirtualMachine } from '../api/types.ts';
import type { DataVolumeTemplate, VmDomain, VmTemplateSpec } from '../wizard/vm-shape.ts';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface SshCredential {
  sshPublicKey?: {
    source?: { secret?: { secretName?: string } };
    propagationMethod?: { noCloud?: Record<string, never>; configDrive?: Record<string, never>; qemuGuestAgent?: { users?: string[] } };
  };
  userPassword?: unknown;
}

export interface ConfigDomain extends VmDomain {
  cpu?: VmDomain['cpu'] & { dedicatedCpuPlacement?: boolean; isolateEmulatorThread?: boolean };
  machine?: { type?: string };
  firmware?: { bootloader?: { bios?: Record<string, unknown>; efi?: { secureBoot?: boolean; persistent?: boolean } } };
  devices?: VmDomain['devices'] & { autoattachGraphicsDevice?: boolean };
  features?: { smm?: { enabled?: boolean } } & Record<string, unknown>;
}

export interface ConfigTemplateSpec extends Omit<VmTemplateSpec, 'domain'> {
  domain?: ConfigDomain;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Record<string, unknown>;
  accessCredentials?: SshCredential[];
}

export interface ConfigVm {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    running?: boolean;
    runStrategy?: string;
    dataVolumeTemplates?: DataVolumeTemplate[];
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: ConfigTemplateSpec };
  };
  status?: { printableStatus?: string; conditions?: Condition[] };
}

/** The VM as the tab reads it: the API's object, of which the console's type declares only a part. */
export const asConfigVm = (vm: VirtualMachine): ConfigVm => vm as unknown as ConfigVm;

export const templateSpecOf = (vm: ConfigVm): ConfigTemplateSpec => vm.spec?.template?.spec ?? {};

/** JSON Patch path segments of the VMI template's spec. */
export const SPEC = ['spec', 'template', 'spec'] as const;
export const DEVICES = [...SPEC, 'domain', 'devices'] as const;
