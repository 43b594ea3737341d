// The few shapes the console reads from the public API (kubevirt.io/v1 and core v1), typed only as
// far as the screens use them; everything else passes through untouched.
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  /** Bumped by the server on every spec change (not on status or metadata). */
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface KubeList<T extends KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface DomainSpec {
  cpu?: { cores?: number; sockets?: number; threads?: number };
  memory?: { guest?: string };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface VirtualMachine extends KubeObject {
  spec?: {
    running?: boolean;
    runStrategy?: string;
    template?: { spec?: { domain?: DomainSpec; volumes?: VmVolume[] } };
    dataVolumeTemplates?: { metadata: { name: string } }[];
  };
  status?: {
    printableStatus?: string;
    ready?: boolean;
    conditions?: Condition[];
    /** The snapshot or restore holding the VM (KubeVirt's locks). */
    snapshotInProgress?: string;
    restoreInProgress?: string;
  };
}

/** A VM volume, as far as snapshots and events look at it (which disks a snapshot copies). */
export interface VmVolume {
  name: string;
  dataVolume?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}

/** One entry of a VMI's status.volumeStatus; the node fills what it knows. */
export interface VolumeStatus {
  name: string;
  target?: string;
  phase?: string;
  reason?: string;
  message?: string;
  size?: number;
  persistentVolumeClaimInfo?: { claimName?: string; accessModes?: string[]; volumeMode?: string; capacity?: Record<string, string>; requests?: Record<string, string> };
}

export interface VirtualMachineInstance extends KubeObject {
  spec?: { domain?: DomainSpec };
  status?: {
    phase?: string;
    nodeName?: string;
    conditions?: Condition[];
    interfaces?: { name?: string; ipAddress?: string; ipAddresses?: string[] }[];
    guestOSInfo?: { id?: string; name?: string; prettyName?: string; version?: string; kernelRelease?: string };
    migrationState?: MigrationState;
    volumeStatus?: VolumeStatus[];
  };
}

/** A live migration's state, on the VMI (status.migrationState) and mirrored into its migration. */
export interface MigrationState {
  migrationUid?: string;
  sourceNode?: string;
  targetNode?: string;
  sourcePod?: string;
  targetPod?: string;
  startTimestamp?: string | null;
  endTimestamp?: string | null;
  completed?: boolean;
  failed?: boolean;
  abortRequested?: boolean;
  abortStatus?: string;
  failureReason?: string;
  /** Vireo's progress extensions: bytes of memory and node-local disks to move, moved, left. */
  dataTotalBytes?: number;
  dataProcessedBytes?: number;
  dataRemainingBytes?: number;
  /** How long the guest was paused at switch-over (Vireo extension). */
  downtimeMs?: number;
}

/** kubevirt.io/v1 VirtualMachineInstanceMigration: a request to live-migrate one VMI. */
export interface VirtualMachineInstanceMigration extends KubeObject {
  spec?: { vmiName?: string };
  status?: { phase?: string; migrationState?: MigrationState; conditions?: Condition[] };
}

export interface Pod extends KubeObject {
  spec?: { nodeName?: string };
  status?: { phase?: string; podIP?: string };
}

export type Namespace = KubeObject;

/** One invalid field of a `Status` (`details.causes`). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A Kubernetes `Status` error body. */
export interface StatusBody {
  kind: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
}

/** A parameter of a template.openshift.io/v1 Template. */
export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  value?: string;
  generate?: string;
  from?: string;
  required?: boolean;
}

/** template.openshift.io/v1 Template: free-form objects with `${PARAM}` placeholders. */
export interface Template extends KubeObject {
  objects?: Record<string, unknown>[];
  parameters?: TemplateParameter[];
  message?: string;
}

/** cdi.kubevirt.io/v1beta1 DataSource: a template's boot source; Ready when its PVC is populated. */
export interface DataSource extends KubeObject {
  spec?: { source?: { pvc?: { name: string; namespace?: string } } };
  status?: { conditions?: Condition[] };
}

/** An API group version's resource list (discovery), to find the collection of a kind. */
export interface ApiResourceList {
  groupVersion?: string;
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** storage.k8s.io/v1 StorageClass; the default one carries the is-default-class annotation. */
export type StorageClass = KubeObject;

/** k8s.cni.cncf.io/v1 NetworkAttachmentDefinition: a Multus network a NIC can join. */
export type NetworkAttachmentDefinition = KubeObject;

/** core v1 PersistentVolumeClaim, as far as the wizard lists claims to clone or attach. */
export interface PersistentVolumeClaim extends KubeObject {
  spec?: { resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
}

/** core v1 Event, as the VM's Events tab lists them. */
export interface KubeEvent extends KubeObject {
  involvedObject: { kind?: string; name?: string; namespace?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
}

/** snapshot.kubevirt.io/v1beta1 VirtualMachineSnapshot: a point-in-time copy of a VM. */
export interface VirtualMachineSnapshot extends KubeObject {
  spec?: { source: { apiGroup?: string; kind: string; name: string } };
  status?: {
    phase?: string;
    readyToUse?: boolean;
    creationTime?: string | null;
    indications?: string[];
    error?: { time?: string | null; message?: string };
    conditions?: Condition[];
  };
}

/** snapshot.kubevirt.io/v1beta1 VirtualMachineRestore: puts a VM back as a snapshot saw it. */
export interface VirtualMachineRestore extends KubeObject {
  spec?: { target: { apiGroup?: string; kind: string; name: string }; virtualMachineSnapshotName: string };
  status?: { complete?: boolean; restoreTime?: string | null; conditions?: Condition[] };
}

/** core v1 Secret, as far as the VM's SSH public key is kept in one. */
export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
