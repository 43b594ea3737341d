// Spec schemas of instancetype.kubevirt.io/v1beta1: an instance type fixes a VM's size (CPU and
// memory), a preference fills in what the VM leaves open (disk bus, NIC model, firmware, …).
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema, QuantitySchema } from '../../machinery/object.ts';

const strict = { additionalProperties: false };
const opt = Type.Optional;

export const InstancetypeSpecSchema = Type.Object(
  {
    cpu: Type.Object(
      {
        guest: Type.Integer({ minimum: 1, description: 'vCPUs the guest gets.' }),
        model: opt(Type.String()),
        dedicatedCPUPlacement: opt(Type.Boolean()),
        isolateEmulatorThread: opt(Type.Boolean()),
        maxSockets: opt(Type.Integer()),
        numa: opt(FreeFormSchema),
        realtime: opt(FreeFormSchema),
      },
      strict,
    ),
    memory: Type.Object(
      {
        guest: QuantitySchema,
        hugepages: opt(Type.Object({ pageSize: Type.String() }, strict)),
        overcommitPercent: opt(Type.Integer({ minimum: 0, maximum: 100 })),
        maxGuest: opt(QuantitySchema),
      },
      strict,
    ),
    ioThreadsPolicy: opt(Type.String()),
    nodeSelector: opt(Type.Record(Type.String(), Type.String())),
    schedulerName: opt(Type.String()),
    annotations: opt(Type.Record(Type.String(), Type.String())),
    gpus: opt(Type.Array(FreeFormSchema)),
    hostDevices: opt(Type.Array(FreeFormSchema)),
    launchSecurity: opt(FreeFormSchema),
  },
  { ...strict, description: 'CPU and memory (and placement) every VM of this instance type gets.' },
);
export type InstancetypeSpec = Static<typeof InstancetypeSpecSchema>;

export const PreferenceSpecSchema = Type.Object(
  {
    cpu: opt(Type.Object({ preferredCPUTopology: opt(Type.String({ enum: ['preferSockets', 'preferCores', 'preferThreads', 'preferSpread', 'preferAny'] })), preferredCPUFeatures: opt(Type.Array(FreeFormSchema)) }, strict)),
    devices: opt(
      Type.Object(
        {
          preferredDiskBus: opt(Type.String()),
          preferredCdromBus: opt(Type.String()),
          preferredLunBus: opt(Type.String()),
          preferredInterfaceModel: opt(Type.String()),
          preferredInputBus: opt(Type.String()),
          preferredInputType: opt(Type.String()),
          preferredAutoattachInputDevice: opt(Type.Boolean()),
          preferredRng: opt(Type.Object({}, strict)),
          preferredTPM: opt(Type.Object({ persistent: opt(Type.Boolean()) }, strict)),
          preferredNetworkInterfaceMultiQueue: opt(Type.Boolean()),
          preferredDiskDedicatedIoThread: opt(Type.Boolean()),
          preferredUseVirtioTransitional: opt(Type.Boolean()),
        },
        { additionalProperties: true },
      ),
    ),
    features: opt(Type.Object({ preferredSmm: opt(Type.Object({ enabled: opt(Type.Boolean()) })), preferredAcpi: opt(FreeFormSchema), preferredApic: opt(FreeFormSchema), preferredHyperv: opt(FreeFormSchema) }, { additionalProperties: true })),
    firmware: opt(Type.Object({ preferredUseEfi: opt(Type.Boolean()), preferredUseSecureBoot: opt(Type.Boolean()), preferredUseBios: opt(Type.Boolean()), preferredUseBiosSerial: opt(Type.Boolean()) }, { additionalProperties: true })),
    machine: opt(Type.Object({ preferredMachineType: opt(Type.String()) }, strict)),
    clock: opt(FreeFormSchema),
    volumes: opt(Type.Object({ preferredStorageClassName: opt(Type.String()) }, strict)),
    requirements: opt(Type.Object({ cpu: opt(Type.Object({ guest: Type.Integer() })), memory: opt(Type.Object({ guest: QuantitySchema })) }, strict)),
    preferredTerminationGracePeriodSeconds: opt(Type.Integer()),
    preferredSubdomain: opt(Type.String()),
    annotations: opt(Type.Record(Type.String(), Type.String())),
  },
  { ...strict, description: 'Defaults applied where a VM did not choose.' },
);
export type PreferenceSpec = Static<typeof PreferenceSpecSchema>;
