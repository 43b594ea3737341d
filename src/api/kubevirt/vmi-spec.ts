// VirtualMachineInstanceSpec: shared by a VirtualMachine's spec.template.spec and a VMI's spec.
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema } from '../../machinery/object.ts';
import { AffinitySchema, TolerationSchema, TopologySpreadConstraintSchema } from '../common/scheduling.ts';
import { DomainSpecSchema } from './vmi-domain.ts';
import { NetworkSchema } from './vmi-networks.ts';
import { VolumeSchema } from './vmi-volumes.ts';
import { EVICTION_STRATEGIES, START_STRATEGIES } from './enums.ts';

export const VirtualMachineInstanceSpecSchema = Type.Object(
  {
    domain: DomainSpecSchema,
    nodeSelector: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'The VM runs only on nodes carrying all of these labels.' }),
    ),
    affinity: Type.Optional(AffinitySchema),
    tolerations: Type.Optional(Type.Array(TolerationSchema, { description: 'Taints the VM tolerates.' })),
    topologySpreadConstraints: Type.Optional(Type.Array(TopologySpreadConstraintSchema)),
    schedulerName: Type.Optional(Type.String({ description: 'Scheduler that places the VM; the default scheduler when empty.' })),
    evictionStrategy: Type.Optional(
      Type.String({
        enum: [...EVICTION_STRATEGIES],
        description: 'What happens when the node is drained: None, LiveMigrate, LiveMigrateIfPossible or External.',
      }),
    ),
    terminationGracePeriodSeconds: Type.Optional(
      Type.Integer({ description: 'Seconds the guest gets to shut down before it is stopped hard (default 180 on a VMI).' }),
    ),
    hostname: Type.Optional(Type.String({ description: 'Guest hostname (a DNS label); the VMI name when empty.' })),
    subdomain: Type.Optional(Type.String({ description: 'With hostname, gives the guest the FQDN <hostname>.<subdomain>.<namespace>.svc.' })),
    priorityClassName: Type.Optional(Type.String()),
    networks: Type.Optional(Type.Array(NetworkSchema, { description: 'Networks the interfaces connect to.' })),
    volumes: Type.Optional(Type.Array(VolumeSchema, { description: 'Data sources of the disks.' })),
    accessCredentials: Type.Optional(Type.Array(FreeFormSchema, { description: 'SSH keys or passwords injected into the guest.' })),
    readinessProbe: Type.Optional(FreeFormSchema),
    livenessProbe: Type.Optional(FreeFormSchema),
    startStrategy: Type.Optional(Type.String({ enum: [...START_STRATEGIES], description: 'Paused: start the guest paused.' })),
    dnsPolicy: Type.Optional(Type.String()),
    dnsConfig: Type.Optional(FreeFormSchema),
    architecture: Type.Optional(Type.String()),
    resourceClaims: Type.Optional(Type.Array(FreeFormSchema)),
  },
  { additionalProperties: false, description: 'Specification of a virtual machine instance (kubevirt.io/v1 VirtualMachineInstanceSpec).' },
);
export type VirtualMachineInstanceSpec = Static<typeof VirtualMachineInstanceSpecSchema>;
