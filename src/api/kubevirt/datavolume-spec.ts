// cdi.kubevirt.io DataVolumeSpec: used by a VirtualMachine's dataVolumeTemplates and by the
// DataVolume kind (declared elsewhere, which imports DataVolumeSpecSchema from here).
import { Type, type Static } from '@sinclair/typebox';
import { FreeFormSchema, QuantitySchema } from '../../machinery/object.ts';
import { LabelSelectorSchema } from '../common/scheduling.ts';

const strict = { additionalProperties: false } as const;

const ImportSourceFields = {
  url: Type.String({ description: 'Where to import from.' }),
  secretRef: Type.Optional(Type.String({ description: 'Name of a Secret with accessKeyId and secretKey (credentials).' })),
  certConfigMap: Type.Optional(Type.String({ description: 'Name of a ConfigMap with the CA bundle for TLS.' })),
};

export const DataVolumeSourceSchema = Type.Object(
  {
    http: Type.Optional(
      Type.Object(
        {
          ...ImportSourceFields,
          extraHeaders: Type.Optional(Type.Array(Type.String(), { description: 'Extra HTTP headers, "Name: value".' })),
          secretExtraHeaders: Type.Optional(Type.Array(Type.String())),
          // CDI's field (DataVolumeSourceHTTP.checksum); its format is checked in admission
          // (src/api/cdi/checksum.ts) so a bad one is named in the Status, not a schema path.
          checksum: Type.Optional(
            Type.String({ description: 'Expected checksum of the file as served, "algorithm:hex" (md5, sha1, sha256, sha512), e.g. "sha256:1234abcd…"; the import fails if the download does not match.' }),
          ),
        },
        { ...strict, description: 'Import a raw, qcow2 or ISO image (optionally xz/gz) over HTTP(S).' },
      ),
    ),
    registry: Type.Optional(
      Type.Object(
        {
          url: Type.Optional(Type.String({ description: 'docker://registry/image:tag' })),
          imageStream: Type.Optional(Type.String()),
          secretRef: ImportSourceFields.secretRef,
          certConfigMap: ImportSourceFields.certConfigMap,
          pullMethod: Type.Optional(Type.String({ enum: ['pod', 'node'], description: 'pod (default) or node.' })),
          platform: Type.Optional(FreeFormSchema),
        },
        { ...strict, description: 'Import a container disk image from a registry.' },
      ),
    ),
    pvc: Type.Optional(
      Type.Object(
        { namespace: Type.Optional(Type.String()), name: Type.String() },
        { ...strict, description: 'Clone an existing PersistentVolumeClaim.' },
      ),
    ),
    snapshot: Type.Optional(Type.Object({ namespace: Type.Optional(Type.String()), name: Type.String() }, strict)),
    upload: Type.Optional(Type.Object({}, { ...strict, description: 'Wait for an upload (virtctl image-upload).' })),
    blank: Type.Optional(Type.Object({}, { ...strict, description: 'An empty disk.' })),
    s3: Type.Optional(Type.Object(ImportSourceFields, { ...strict, description: 'Import from an S3 bucket.' })),
    gcs: Type.Optional(Type.Object({ url: Type.String(), secretRef: ImportSourceFields.secretRef }, strict)),
    imageio: Type.Optional(FreeFormSchema),
    vddk: Type.Optional(FreeFormSchema),
  },
  { ...strict, description: 'Where the data comes from; exactly one source.' },
);

export const DataVolumeSourceRefSchema = Type.Object(
  {
    kind: Type.String({ description: 'DataSource' }),
    namespace: Type.Optional(Type.String()),
    name: Type.String(),
  },
  { ...strict, description: 'A DataSource to populate from (e.g. openshift-virtualization-os-images/rhel9).' },
);

const StorageFields = {
  accessModes: Type.Optional(
    Type.Array(Type.String({ enum: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] }), {
      description: 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod; live migration needs ReadWriteMany.',
    }),
  ),
  resources: Type.Optional(
    Type.Object(
      {
        requests: Type.Optional(Type.Object({ storage: Type.Optional(QuantitySchema) }, { additionalProperties: QuantitySchema })),
        limits: Type.Optional(Type.Object({ storage: Type.Optional(QuantitySchema) }, { additionalProperties: QuantitySchema })),
      },
      strict,
    ),
  ),
  storageClassName: Type.Optional(Type.String()),
  volumeMode: Type.Optional(Type.String({ enum: ['Filesystem', 'Block'], description: 'Filesystem or Block.' })),
  selector: Type.Optional(LabelSelectorSchema),
  volumeName: Type.Optional(Type.String()),
  dataSource: Type.Optional(FreeFormSchema),
  dataSourceRef: Type.Optional(FreeFormSchema),
};

export const DataVolumeSpecSchema = Type.Object(
  {
    source: Type.Optional(DataVolumeSourceSchema),
    sourceRef: Type.Optional(DataVolumeSourceRefSchema),
    pvc: Type.Optional(Type.Object(StorageFields, { ...strict, description: 'The PersistentVolumeClaim to create, written out in full.' })),
    storage: Type.Optional(
      Type.Object(StorageFields, { ...strict, description: 'Like pvc, but the platform fills what is omitted (access and volume mode, size from the source).' }),
    ),
    preallocation: Type.Optional(Type.Boolean({ description: 'Allocate the whole disk up front.' })),
    priorityClassName: Type.Optional(Type.String()),
    contentType: Type.Optional(Type.String({ enum: ['kubevirt', 'archive'], description: 'kubevirt (a disk image, default) or archive (a tar).' })),
    checkpoints: Type.Optional(Type.Array(FreeFormSchema)),
    finalCheckpoint: Type.Optional(Type.Boolean()),
  },
  { ...strict, description: 'Specification of a DataVolume (cdi.kubevirt.io/v1beta1 DataVolumeSpec).' },
);
export type DataVolumeSpec = Static<typeof DataVolumeSpecSchema>;
