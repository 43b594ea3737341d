// Schema of kubevirt.io/v1 VirtualMachineInstance: one running (or about to run) guest.
import { Type, type Static } from '@sinclair/typebox';
import { ConditionSchema, FreeFormSchema, QuantitySchema, objectSchema } from '../../machinery/object.ts';
import { VMI_PHASES } from './enums.ts';
import { MigrationStateSchema, PhaseTransitionTimestampSchema } from './migration-state.ts';
import { VirtualMachineInstanceSpecSchema } from './vmi-spec.ts';

const strict = { additionalProperties: false } as const;

export const VirtualMachineInstanceStatusSchema = Type.Object(
  {
    phase: Type.Optional(Type.String({ enum: [...VMI_PHASES], description: 'Pending, Scheduling, Scheduled, Running, Succeeded, Failed or Unknown.' })),
    nodeName: Type.Optional(Type.String({ description: 'Node the guest runs on.' })),
    reason: Type.Optional(Type.String()),
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    interfaces: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.Optional(Type.String()),
            ipAddress: Type.Optional(Type.String()),
            ipAddresses: Type.Optional(Type.Array(Type.String())),
            mac: Type.Optional(Type.String()),
            interfaceName: Type.Optional(Type.String({ description: 'Name inside the guest, e.g. eth0.' })),
            infoSource: Type.Optional(Type.String({ description: 'domain, guest-agent, multus-status, or several joined by commas.' })),
            queueCount: Type.Optional(Type.Integer()),
            podInterfaceName: Type.Optional(Type.String()),
            linkState: Type.Optional(Type.String()),
          },
          strict,
        ),
        { description: 'Addresses of the guest\'s interfaces.' },
      ),
    ),
    guestOSInfo: Type.Optional(
      Type.Object(
        {
          id: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          prettyName: Type.Optional(Type.String()),
          version: Type.Optional(Type.String()),
          versionId: Type.Optional(Type.String()),
          kernelRelease: Type.Optional(Type.String()),
          kernelVersion: Type.Optional(Type.String()),
          machine: Type.Optional(Type.String()),
        },
        { ...strict, description: 'What the guest agent reports about the guest OS.' },
      ),
    ),
    migrationState: Type.Optional(MigrationStateSchema),
    migrationMethod: Type.Optional(Type.String({ description: 'BlockMigration or LiveMigration.' })),
    migrationTransport: Type.Optional(Type.String()),
    qosClass: Type.Optional(Type.String()),
    activePods: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Pod UID to node name.' })),
    volumeStatus: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String(),
            target: Type.Optional(Type.String({ description: 'Device name in the guest, e.g. vda.' })),
            phase: Type.Optional(Type.String()),
            reason: Type.Optional(Type.String()),
            message: Type.Optional(Type.String()),
            persistentVolumeClaimInfo: Type.Optional(FreeFormSchema),
            hotplugVolume: Type.Optional(FreeFormSchema),
            memoryDumpVolume: Type.Optional(FreeFormSchema),
            containerDiskVolume: Type.Optional(FreeFormSchema),
            size: Type.Optional(Type.Integer()),
          },
          strict,
        ),
      ),
    ),
    launcherContainerImageVersion: Type.Optional(Type.String()),
    phaseTransitionTimestamps: Type.Optional(Type.Array(PhaseTransitionTimestampSchema)),
    currentCPUTopology: Type.Optional(
      Type.Object({ cores: Type.Optional(Type.Integer()), sockets: Type.Optional(Type.Integer()), threads: Type.Optional(Type.Integer()) }, strict),
    ),
    memory: Type.Optional(
      Type.Object(
        { guestAtBoot: Type.Optional(QuantitySchema), guestCurrent: Type.Optional(QuantitySchema), guestRequested: Type.Optional(QuantitySchema) },
        strict,
      ),
    ),
    machine: Type.Optional(Type.Object({ type: Type.Optional(Type.String()) }, strict)),
    evacuationNodeName: Type.Optional(Type.String()),
    runtimeUser: Type.Optional(Type.Integer()),
    selinuxContext: Type.Optional(Type.String()),
    virtualMachineRevisionName: Type.Optional(Type.String()),
    observedGeneration: Type.Optional(Type.Integer()),
    fsFreezeStatus: Type.Optional(Type.String()),
    topologyHints: Type.Optional(FreeFormSchema),
    kernelBootStatus: Type.Optional(FreeFormSchema),
    deviceStatus: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Observed state of the virtual machine instance.' },
);
export type VirtualMachineInstanceStatus = Static<typeof VirtualMachineInstanceStatusSchema>;

export const VirtualMachineInstanceSchema = objectSchema({
  spec: VirtualMachineInstanceSpecSchema,
  status: VirtualMachineInstanceStatusSchema,
  description: 'A running (or starting) virtual machine: one QEMU guest on one node.',
});
