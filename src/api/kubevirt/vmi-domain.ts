// domain: the virtual hardware of a VirtualMachineInstance (kubevirt.io/v1 DomainSpec).
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema, QuantitySchema } from '../../machinery/object.ts';
import {
  CPU_FEATURE_POLICIES,
  DISK_BUSES,
  DISK_CACHE_MODES,
  DISK_IO_MODES,
  INTERFACE_MODELS,
  IO_THREADS_POLICIES,
  PORT_PROTOCOLS,
} from './enums.ts';

const strict = { additionalProperties: false } as const;
const Empty = (description: string) => Type.Object({}, { ...strict, description });
const FeatureState = (description: string) =>
  Type.Object({ enabled: Type.Optional(Type.Boolean({ description: 'Defaults to true when the feature is listed.' })) }, { ...strict, description });

export const CPUSchema = Type.Object(
  {
    cores: Type.Optional(Type.Integer({ description: 'Cores per socket (at least 1).' })),
    sockets: Type.Optional(Type.Integer({ description: 'Sockets (at least 1).' })),
    threads: Type.Optional(Type.Integer({ description: 'Threads per core (at least 1).' })),
    maxSockets: Type.Optional(Type.Integer({ description: 'Upper bound of sockets for CPU hotplug.' })),
    model: Type.Optional(
      Type.String({ description: 'CPU model: a named model such as Conroe or EPYC, host-model (the node\'s model, migratable) or host-passthrough.' }),
    ),
    features: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ description: 'CPU feature name, e.g. apic or vmx.' }),
            policy: Type.Optional(Type.String({ enum: [...CPU_FEATURE_POLICIES], description: 'force, require (default), optional, disable or forbid.' })),
          },
          strict,
        ),
        { description: 'CPU features to require or forbid; checked against what the node offers when scheduling.' },
      ),
    ),
    dedicatedCpuPlacement: Type.Optional(Type.Boolean({ description: 'Pin each vCPU to a dedicated host CPU.' })),
    isolateEmulatorThread: Type.Optional(Type.Boolean()),
    numa: Type.Optional(FreeFormSchema),
    realtime: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'CPU topology and model of the guest.' },
);

export const MemorySchema = Type.Object(
  {
    guest: Type.Optional(QuantitySchema), // the memory the guest sees, e.g. 2Gi
    hugepages: Type.Optional(Type.Object({ pageSize: Type.Optional(Type.String({ description: 'Hugepage size, 2Mi or 1Gi.' })) }, strict)),
    maxGuest: Type.Optional(QuantitySchema),
  },
  { ...strict, description: 'Guest memory.' },
);

const ResourceList = Type.Object(
  {
    memory: Type.Optional(QuantitySchema),
    cpu: Type.Optional(QuantitySchema),
  },
  { additionalProperties: QuantitySchema, description: 'memory, cpu and extended resources (e.g. devices.kubevirt.io/kvm).' },
);

export const ResourcesSchema = Type.Object(
  {
    requests: Type.Optional(ResourceList),
    limits: Type.Optional(ResourceList),
    overcommitGuestOverhead: Type.Optional(Type.Boolean({ description: 'Do not add the VM overhead to the memory request.' })),
  },
  { ...strict, description: 'Resources the VM\'s launcher asks the node for. limits.memory must be at least 100Mi above requests.memory.' },
);

const DiskTarget = Type.Object(
  {
    bus: Type.Optional(Type.String({ enum: [...DISK_BUSES], description: 'virtio (default), sata, scsi or usb.' })),
    readonly: Type.Optional(Type.Boolean()),
    pciAddress: Type.Optional(Type.String({ description: 'PCI address, e.g. 0000:81:01.10 (virtio bus only).' })),
  },
  { ...strict, description: 'Attach the volume as a hard disk.' },
);

export const DiskSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the disk; a volume of the same name supplies its data.' }),
    disk: Type.Optional(DiskTarget),
    cdrom: Type.Optional(
      Type.Object(
        {
          bus: Type.Optional(Type.String({ enum: [...DISK_BUSES], description: 'sata (default) or scsi; virtio cannot carry a CD-ROM.' })),
          readonly: Type.Optional(Type.Boolean({ description: 'Defaults to true.' })),
          tray: Type.Optional(Type.String({ enum: ['open', 'closed'], description: 'open or closed (default).' })),
        },
        { ...strict, description: 'Attach the volume as a CD-ROM.' },
      ),
    ),
    lun: Type.Optional(
      Type.Object(
        {
          bus: Type.Optional(Type.String({ enum: [...DISK_BUSES] })),
          readonly: Type.Optional(Type.Boolean()),
          reservation: Type.Optional(Type.Boolean()),
        },
        { ...strict, description: 'Attach the volume as a SCSI LUN.' },
      ),
    ),
    bootOrder: Type.Optional(Type.Integer({ description: 'Boot order among all disks and interfaces; 1 boots first. Unique, at least 1.' })),
    serial: Type.Optional(Type.String({ description: 'Serial number shown to the guest.' })),
    cache: Type.Optional(Type.String({ enum: [...DISK_CACHE_MODES], description: 'none, writethrough or writeback.' })),
    io: Type.Optional(Type.String({ enum: [...DISK_IO_MODES], description: 'native or threads.' })),
    dedicatedIOThread: Type.Optional(Type.Boolean({ description: 'Give this disk its own IO thread (virtio bus only).' })),
    shareable: Type.Optional(Type.Boolean()),
    errorPolicy: Type.Optional(Type.String()),
    blockSize: Type.Optional(FreeFormSchema),
    tag: Type.Optional(Type.String()),
  },
  strict,
);
export type Disk = Static<typeof DiskSchema>;

export const InterfaceSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the interface; a network of the same name says what it connects to.' }),
    model: Type.Optional(Type.String({ enum: [...INTERFACE_MODELS], description: 'NIC model: virtio (default), e1000e, e1000, igb, ne2k_pci, pcnet or rtl8139.' })),
    masquerade: Type.Optional(Empty('NAT the guest behind the pod IP (pod network only).')),
    bridge: Type.Optional(Empty('Bridge the guest onto the network; on the pod network the guest takes the pod IP, which stops live migration.')),
    sriov: Type.Optional(Empty('Pass an SR-IOV virtual function through.')),
    passt: Type.Optional(Empty('User-mode networking through passt.')),
    binding: Type.Optional(Type.Object({ name: Type.String() }, { ...strict, description: 'A network binding plugin.' })),
    macAddress: Type.Optional(Type.String({ description: 'MAC address, e.g. de:00:00:00:00:de; assigned automatically when empty.' })),
    bootOrder: Type.Optional(Type.Integer({ description: 'Boot order among all disks and interfaces (PXE boot); unique, at least 1.' })),
    ports: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.Optional(Type.String()),
            port: Type.Integer({ description: 'Port to forward to the guest.' }),
            protocol: Type.Optional(Type.String({ enum: [...PORT_PROTOCOLS], description: 'TCP (default) or UDP.' })),
          },
          strict,
        ),
        { description: 'Ports forwarded to the guest (masquerade); all when empty.' },
      ),
    ),
    pciAddress: Type.Optional(Type.String()),
    dhcpOptions: Type.Optional(FreeFormSchema),
    tag: Type.Optional(Type.String()),
    acpiIndex: Type.Optional(Type.Integer()),
    state: Type.Optional(Type.String()),
  },
  strict,
);
export type Interface = Static<typeof InterfaceSchema>;

export const DevicesSchema = Type.Object(
  {
    disks: Type.Optional(Type.Array(DiskSchema, { description: 'Disks, CD-ROMs and LUNs; each needs a volume of the same name.' })),
    interfaces: Type.Optional(Type.Array(InterfaceSchema, { description: 'Network interfaces; each needs a network of the same name.' })),
    filesystems: Type.Optional(
      Type.Array(Type.Object({ name: Type.String(), virtiofs: Type.Object({}, strict) }, strict), { description: 'Volumes shared through virtiofs.' }),
    ),
    rng: Type.Optional(Empty('Give the guest a virtio random number generator.')),
    autoattachGraphicsDevice: Type.Optional(Type.Boolean({ description: 'Attach a VGA device (for VNC); default true.' })),
    autoattachSerialConsole: Type.Optional(Type.Boolean({ description: 'Attach a serial console; default true.' })),
    autoattachMemBalloon: Type.Optional(Type.Boolean()),
    autoattachPodInterface: Type.Optional(Type.Boolean()),
    autoattachInputDevice: Type.Optional(Type.Boolean()),
    autoattachVSOCK: Type.Optional(Type.Boolean()),
    networkInterfaceMultiqueue: Type.Optional(Type.Boolean({ description: 'One queue per vCPU on virtio interfaces.' })),
    blockMultiQueue: Type.Optional(Type.Boolean()),
    tpm: Type.Optional(
      Type.Object(
        {
          persistent: Type.Optional(Type.Boolean({ description: 'Keep the TPM state across restarts.' })),
          enabled: Type.Optional(Type.Boolean()),
        },
        { ...strict, description: 'An emulated TPM (swtpm).' },
      ),
    ),
    inputs: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String(),
            type: Type.String({ description: 'tablet' }),
            bus: Type.Optional(Type.String({ description: 'virtio or usb.' })),
          },
          strict,
        ),
      ),
    ),
    watchdog: Type.Optional(FreeFormSchema),
    gpus: Type.Optional(Type.Array(FreeFormSchema)),
    hostDevices: Type.Optional(Type.Array(FreeFormSchema)),
    sound: Type.Optional(FreeFormSchema),
    clientPassthrough: Type.Optional(FreeFormSchema),
    useVirtioTransitional: Type.Optional(Type.Boolean()),
    disableHotplug: Type.Optional(Type.Boolean()),
    downwardMetrics: Type.Optional(FreeFormSchema),
    video: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Devices of the guest.' },
);

export const FeaturesSchema = Type.Object(
  {
    acpi: Type.Optional(FeatureState('ACPI (default on).')),
    apic: Type.Optional(
      Type.Object({ enabled: Type.Optional(Type.Boolean()), endOfInterrupt: Type.Optional(Type.Boolean()) }, { ...strict, description: 'APIC.' }),
    ),
    smm: Type.Optional(FeatureState('System Management Mode; required by EFI secure boot.')),
    hyperv: Type.Optional(FreeFormSchema),
    hypervPassthrough: Type.Optional(FreeFormSchema),
    kvm: Type.Optional(FreeFormSchema),
    pvspinlock: Type.Optional(FeatureState('Paravirtual spinlocks.')),
  },
  { ...strict, description: 'Hypervisor features exposed to the guest.' },
);

export const FirmwareSchema = Type.Object(
  {
    bootloader: Type.Optional(
      Type.Object(
        {
          bios: Type.Optional(
            Type.Object({ useSerial: Type.Optional(Type.Boolean({ description: 'Show BIOS output on the serial console.' })) }, { ...strict, description: 'Boot with SeaBIOS.' }),
          ),
          efi: Type.Optional(
            Type.Object(
              {
                secureBoot: Type.Optional(Type.Boolean({ description: 'Secure boot; defaults to true when efi is given. Requires features.smm.' })),
                persistent: Type.Optional(Type.Boolean({ description: 'Keep the EFI variable store across restarts.' })),
              },
              { ...strict, description: 'Boot with UEFI (OVMF).' },
            ),
          ),
        },
        { ...strict, description: 'BIOS or EFI; BIOS when omitted.' },
      ),
    ),
    serial: Type.Optional(Type.String({ description: 'SMBIOS serial number.' })),
    uuid: Type.Optional(Type.String({ description: 'SMBIOS UUID; the controller assigns one when empty.' })),
    kernelBoot: Type.Optional(FreeFormSchema),
    acpi: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Firmware of the guest.' },
);

export const DomainSpecSchema = Type.Object(
  {
    cpu: Type.Optional(CPUSchema),
    memory: Type.Optional(MemorySchema),
    resources: Type.Optional(ResourcesSchema),
    devices: DevicesSchema,
    features: Type.Optional(FeaturesSchema),
    firmware: Type.Optional(FirmwareSchema),
    machine: Type.Optional(
      Type.Object({ type: Type.Optional(Type.String({ description: 'QEMU machine type, e.g. q35; the node decides when empty.' })) }, { ...strict, description: 'Emulated machine.' }),
    ),
    clock: Type.Optional(FreeFormSchema),
    ioThreadsPolicy: Type.Optional(Type.String({ enum: [...IO_THREADS_POLICIES], description: 'shared, auto or supplementalPool.' })),
    ioThreads: Type.Optional(FreeFormSchema),
    chassis: Type.Optional(FreeFormSchema),
    launchSecurity: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'The virtual hardware: CPU, memory, devices, firmware and features.' },
);
export type DomainSpec = Static<typeof DomainSpecSchema>;
