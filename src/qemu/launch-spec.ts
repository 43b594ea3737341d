// What the QEMU argv builder reads. `LaunchVmiSpec` is the narrow structural subset of a KubeVirt
// VirtualMachineInstance spec (kubevirt.io/v1 names) that the builder looks at. Every field is
// optional, as in KubeVirt, so the full VMI spec type (src/api/kubevirt/) is assignable to it
// without this package importing the API package. Everything else comes from the node agent,
// which resolves volumes to local files and picks run-directory paths before building argv.

export interface LaunchCpuFeature {
  name: string;
  /** force | require | optional | disable | forbid; KubeVirt's default is `require`. */
  policy?: string;
}

export interface LaunchCpu {
  cores?: number;
  sockets?: number;
  threads?: number;
  model?: string;
  features?: LaunchCpuFeature[];
}

export interface LaunchQuantityMap {
  memory?: string | number;
  [resource: string]: string | number | undefined;
}

export interface LaunchDiskTarget {
  bus?: string;
  readonly?: boolean;
  pciAddress?: string;
}

export interface LaunchCdromTarget {
  bus?: string;
  readonly?: boolean;
  tray?: string;
}

export interface LaunchDisk {
  name: string;
  disk?: LaunchDiskTarget;
  cdrom?: LaunchCdromTarget;
  lun?: { bus?: string; readonly?: boolean };
  bootOrder?: number;
  serial?: string;
  /** none | writethrough | writeback. */
  cache?: string;
}

export interface LaunchPort {
  name?: string;
  port: number;
  protocol?: string;
}

export interface LaunchInterface {
  name: string;
  model?: string;
  masquerade?: object;
  bridge?: object;
  /** Deprecated in KubeVirt; treated like masquerade (both are QEMU user-mode NAT here). */
  slirp?: object;
  sriov?: object;
  binding?: { name: string };
  macAddress?: string;
  bootOrder?: number;
  ports?: LaunchPort[];
}

export interface LaunchFeatureState {
  enabled?: boolean;
}

export interface LaunchVmiSpec {
  domain?: {
    cpu?: LaunchCpu;
    memory?: { guest?: string | number };
    resources?: { requests?: LaunchQuantityMap; limits?: LaunchQuantityMap };
    machine?: { type?: string };
    devices?: {
      disks?: LaunchDisk[];
      interfaces?: LaunchInterface[];
      rng?: object;
      autoattachGraphicsDevice?: boolean;
      autoattachSerialConsole?: boolean;
      autoattachMemBalloon?: boolean;
      autoattachPodInterface?: boolean;
      tpm?: { enabled?: boolean; persistent?: boolean };
    };
    features?: {
      acpi?: LaunchFeatureState;
      smm?: LaunchFeatureState;
    };
    firmware?: {
      bootloader?: {
        bios?: { useSerial?: boolean };
        efi?: { secureBoot?: boolean; persistent?: boolean };
      };
      uuid?: string;
      serial?: string;
    };
  };
  networks?: { name: string; pod?: object; multus?: { networkName: string; default?: boolean } }[];
  volumes?: { name: string }[];
}

export interface OvmfPaths {
  /** UEFI code, no secure boot (Debian: OVMF_CODE_4M.fd). */
  code: string;
  /** Template of the variable store for `code` (Debian: OVMF_VARS_4M.fd). */
  vars: string;
  /** UEFI code built with secure boot + SMM (Debian: OVMF_CODE_4M.secboot.fd). */
  secureCode: string;
  /** Variable store with Microsoft keys enrolled (Debian: OVMF_VARS_4M.ms.fd). */
  secureVars: string;
}

/** Debian 12's `ovmf` package paths; the agent may override them per node. */
export const DEBIAN_OVMF: OvmfPaths = {
  code: '/usr/share/OVMF/OVMF_CODE_4M.fd',
  vars: '/usr/share/OVMF/OVMF_VARS_4M.fd',
  secureCode: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
  secureVars: '/usr/share/OVMF/OVMF_VARS_4M.ms.fd',
};

/** What the node agent probed about its host. */
export interface NodeFacts {
  /** `kvm` only when a real guest booted under KVM in the probe (kvm_pvm hosts report `tcg`). */
  accel: 'kvm' | 'tcg';
  /** Named CPU models usable on this node; when given, a spec model outside it is refused. */
  cpuModels?: string[];
  /** The cluster's HyperConverged `spec.defaultCPUModel`, used when the VMI names no model. */
  defaultCPUModel?: string;
  /** Defaults to DEBIAN_OVMF. */
  ovmf?: OvmfPaths;
  /** e.g. "7.2.22"; informational (the machine type is pinned, not derived from it). */
  qemuVersion: string;
}

/** A VMI volume the agent has turned into a concrete local image file or block device. */
export interface ResolvedVolume {
  name: string;
  path: string;
  format: 'qcow2' | 'raw';
  readOnly: boolean;
  kind: 'disk' | 'cdrom';
  /**
   * For ephemeral volumes and container disks: the read-only image under the qcow2 overlay in
   * `path`. Named explicitly in argv so the chain does not depend on the overlay's header.
   */
  backing?: { path: string; format: 'qcow2' | 'raw'; blockDevice?: boolean };
  /** Whether the file's filesystem supports O_DIRECT; picks KubeVirt's default cache mode. */
  directIO?: boolean;
  /** `path` is a host block device (a volumeMode Block claim's loop device): QEMU's host_device driver. */
  blockDevice?: boolean;
}

/** Per-VM files in the node's run directory (and the EFI vars / swtpm state the agent prepared). */
export interface LaunchPaths {
  qmpSocket: string;
  serialSocket: string;
  serialLog: string;
  vncSocket: string;
  guestAgentSocket: string;
  pidFile: string;
  /** Per-VM copy of the OVMF vars template; required for EFI. */
  efiVars?: string;
  /** swtpm's unix control socket; required when the spec has a TPM. */
  swtpmSocket?: string;
  /** Where SeaBIOS's debug console (port 0x402) is written: "No bootable device." shows up there. */
  firmwareLog?: string;
}

export interface PortForward {
  protocol?: 'TCP' | 'UDP';
  /** Host side, bound to 127.0.0.1 (the agent allocates it). */
  hostPort: number;
  guestPort: number;
}

export interface LaunchNetwork {
  /** MAC per interface name, for interfaces whose spec has no macAddress (the agent keeps them stable). */
  macs?: Record<string, string>;
  /** Masquerade port forwards per interface name. */
  forwards?: Record<string, PortForward[]>;
  /** Host tap device per bridge interface name. */
  taps?: Record<string, string>;
}

export interface LaunchInput {
  /** Shown in `ps` and QMP (e.g. namespace_name). */
  name: string;
  /** Used when spec.domain.firmware.uuid is unset. */
  uuid: string;
  spec: LaunchVmiSpec;
  node: NodeFacts;
  paths: LaunchPaths;
  volumes: ResolvedVolume[];
  network?: LaunchNetwork;
  /** True on a live-migration target: adds `-incoming defer`. */
  incoming?: boolean;
}
