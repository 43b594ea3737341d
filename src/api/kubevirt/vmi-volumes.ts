// volumes: where each disk's data comes from (kubevirt.io/v1 Volume). Exactly one source per volume.
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema, QuantitySchema } from '../../machinery/object.ts';
import { HOST_DISK_TYPES, PULL_POLICIES } from './enums.ts';

const strict = { additionalProperties: false } as const;
const LocalRef = (description: string) => Type.Object({ name: Type.String() }, { ...strict, description });

const CloudInitFields = {
  userData: Type.Optional(Type.String({ description: 'cloud-init user data, inline (at most 2048 bytes).' })),
  userDataBase64: Type.Optional(Type.String({ description: 'cloud-init user data, base64-encoded.' })),
  userDataSecretRef: Type.Optional(LocalRef('A Secret holding the user data under the key userdata or userData.')),
  secretRef: Type.Optional(LocalRef('Deprecated name of userDataSecretRef.')),
  networkData: Type.Optional(Type.String({ description: 'cloud-init network config, inline.' })),
  networkDataBase64: Type.Optional(Type.String()),
  networkDataSecretRef: Type.Optional(LocalRef('A Secret holding the network data.')),
};

const PvcSource = {
  claimName: Type.String({ description: 'Name of the PersistentVolumeClaim in the same namespace.' }),
  readOnly: Type.Optional(Type.Boolean()),
};

/** The source fields of a volume; admission requires exactly one of them. */
export const VOLUME_SOURCES = [
  'containerDisk',
  'dataVolume',
  'persistentVolumeClaim',
  'ephemeral',
  'emptyDisk',
  'cloudInitNoCloud',
  'cloudInitConfigDrive',
  'hostDisk',
  'configMap',
  'secret',
  'serviceAccount',
  'sysprep',
  'downwardMetrics',
  'downwardAPI',
  'memoryDump',
] as const;

export const VolumeSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the volume; the disk of the same name uses it.' }),
    containerDisk: Type.Optional(
      Type.Object(
        {
          // Optional here so admission can say clearly that it is missing.
          image: Type.Optional(Type.String({ description: 'Container image holding the disk (raw or qcow2 under /disk). Required.' })),
          imagePullPolicy: Type.Optional(Type.String({ enum: [...PULL_POLICIES], description: 'Always, IfNotPresent or Never.' })),
          imagePullSecret: Type.Optional(Type.String()),
          path: Type.Optional(Type.String({ description: 'Path of the disk inside the image.' })),
        },
        { ...strict, description: 'An ephemeral disk pulled from a container registry; writes are lost at stop.' },
      ),
    ),
    dataVolume: Type.Optional(
      Type.Object(
        { name: Type.String({ description: 'Name of the DataVolume (or dataVolumeTemplate).' }), hotpluggable: Type.Optional(Type.Boolean()) },
        { ...strict, description: 'A CDI DataVolume; the VM waits until it is populated.' },
      ),
    ),
    persistentVolumeClaim: Type.Optional(
      Type.Object({ ...PvcSource, hotpluggable: Type.Optional(Type.Boolean()) }, { ...strict, description: 'An existing PersistentVolumeClaim.' }),
    ),
    ephemeral: Type.Optional(
      Type.Object(
        { persistentVolumeClaim: Type.Optional(Type.Object(PvcSource, strict)) },
        { ...strict, description: 'A copy-on-write overlay over a read-only PVC, discarded at stop.' },
      ),
    ),
    emptyDisk: Type.Optional(
      Type.Object({ capacity: Type.Optional(QuantitySchema) }, { ...strict, description: 'A blank sparse disk that lives as long as the VMI. capacity is required.' }),
    ),
    cloudInitNoCloud: Type.Optional(Type.Object(CloudInitFields, { ...strict, description: 'cloud-init NoCloud data source (a cidata disk).' })),
    cloudInitConfigDrive: Type.Optional(Type.Object(CloudInitFields, { ...strict, description: 'cloud-init ConfigDrive data source.' })),
    hostDisk: Type.Optional(
      Type.Object(
        {
          path: Type.Optional(Type.String({ description: 'Path of the disk image on the node. Required.' })),
          type: Type.Optional(Type.String({ enum: [...HOST_DISK_TYPES], description: 'Disk (must exist) or DiskOrCreate (created with capacity). Required.' })),
          capacity: Type.Optional(QuantitySchema),
          shared: Type.Optional(Type.Boolean()),
        },
        { ...strict, description: 'A disk image file on the node.' },
      ),
    ),
    configMap: Type.Optional(
      Type.Object(
        { name: Type.String(), optional: Type.Optional(Type.Boolean()), volumeLabel: Type.Optional(Type.String()) },
        { ...strict, description: 'A ConfigMap presented as a disk.' },
      ),
    ),
    secret: Type.Optional(
      Type.Object(
        { secretName: Type.String(), optional: Type.Optional(Type.Boolean()), volumeLabel: Type.Optional(Type.String()) },
        { ...strict, description: 'A Secret presented as a disk.' },
      ),
    ),
    serviceAccount: Type.Optional(
      Type.Object({ serviceAccountName: Type.String() }, { ...strict, description: 'A service account token presented as a disk.' }),
    ),
    sysprep: Type.Optional(
      Type.Object(
        { configMap: Type.Optional(LocalRef('ConfigMap with Autounattend.xml.')), secret: Type.Optional(LocalRef('Secret with Autounattend.xml.')) },
        { ...strict, description: 'Windows sysprep answer files.' },
      ),
    ),
    downwardMetrics: Type.Optional(Type.Object({}, { ...strict, description: 'Host metrics for the guest.' })),
    downwardAPI: Type.Optional(FreeFormSchema),
    memoryDump: Type.Optional(
      Type.Object(
        { claimName: Type.String(), readOnly: Type.Optional(Type.Boolean()), hotpluggable: Type.Optional(Type.Boolean()) },
        { ...strict, description: 'Target PVC of a memory dump (set by virtctl memory-dump).' },
      ),
    ),
  },
  strict,
);
export type Volume = Static<typeof VolumeSchema>;
