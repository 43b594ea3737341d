// hco.kubevirt.io/v1beta1 HyperConverged: the one cluster-wide configuration object of Vireo, as in
// OpenShift Virtualization (certificate rotation, default CPU model, feature gates, live migration
// limits). Only kubevirt-hyperconverged in vireo-system is accepted.
import { Type, type Static } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { ConditionSchema, FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { tryParseQuantity } from '../common/quantity.ts';
import { stringEnum } from '../core/enum.ts';
import { defaultCertConfig, validateCertConfig } from './cert-config.ts';
import { FEATURE_GATES, isKnownFeatureGate } from './feature-gates.ts';
import { registryProblem } from './registries.ts';

export const HCO_NAME = 'kubevirt-hyperconverged';
export const HCO_NAMESPACE = 'vireo-system';

const strict = { additionalProperties: false } as const;
const GoDuration = (description: string) => Type.String({ description: `${description} A golang ParseDuration string of at least 10m, e.g. 48h0m0s.` });

const CertRotateSchema = (what: string, d: string, r: string) =>
  Type.Object(
    {
      duration: Type.Optional(GoDuration(`Lifetime of the ${what} certificate (default ${d}).`)),
      renewBefore: Type.Optional(GoDuration(`How long before expiry the ${what} certificate is renewed (default ${r}).`)),
    },
    strict,
  );

const CertConfigSchema = Type.Object(
  {
    ca: Type.Optional(CertRotateSchema('CA', '48h0m0s', '24h0m0s')),
    server: Type.Optional(CertRotateSchema('server', '24h0m0s', '12h0m0s')),
  },
  { ...strict, description: 'Certificate rotation. ca.renewBefore ≤ ca.duration, server.duration ≤ ca.duration, server.renewBefore ≤ server.duration.' },
);

const FeatureGatesSchema = Type.Object(
  Object.fromEntries(Object.keys(FEATURE_GATES).map((g) => [g, Type.Optional(Type.Boolean())])),
  // Unknown gates pass the schema so admission can name them clearly.
  { additionalProperties: Type.Boolean(), description: 'Optional features, each true or false.' },
);

const LiveMigrationConfigSchema = Type.Object(
  {
    bandwidthPerMigration: Type.Optional(Type.String({ description: 'Bandwidth limit of each migration, a quantity such as 64Mi (per second).' })),
    completionTimeoutPerGiB: Type.Optional(Type.Integer({ minimum: 1, description: 'Seconds per GiB of guest memory before a migration is cancelled (default 150).' })),
    parallelMigrationsPerCluster: Type.Optional(Type.Integer({ minimum: 1, description: 'Migrations running at once in the cluster (default 5).' })),
    parallelOutboundMigrationsPerNode: Type.Optional(Type.Integer({ minimum: 1, description: 'Outbound migrations at once per node (default 2).' })),
    progressTimeout: Type.Optional(Type.Integer({ minimum: 1, description: 'Seconds without progress before a migration is cancelled (default 150).' })),
    allowAutoConverge: Type.Optional(Type.Boolean({ description: 'Throttle the guest CPU to make migrations converge (default false).' })),
    allowPostCopy: Type.Optional(Type.Boolean({ description: 'Switch to post-copy when pre-copy does not converge (default false).' })),
    allowWorkloadDisruption: Type.Optional(Type.Boolean()),
    network: Type.Optional(Type.String({ description: 'Name of a NetworkAttachmentDefinition dedicated to migration traffic.' })),
  },
  { ...strict, description: 'Live migration limits and timeouts.' },
);

const HyperConvergedSpecSchema = Type.Object(
  {
    certConfig: Type.Optional(CertConfigSchema),
    defaultCPUModel: Type.Optional(Type.String({ description: 'CPU model for VMs that set none (case-sensitive, e.g. EPYC).' })),
    featureGates: Type.Optional(FeatureGatesSchema),
    liveMigrationConfig: Type.Optional(LiveMigrationConfigSchema),
    tuningPolicy: Type.Optional(stringEnum(['annotation', 'highBurst'], { description: 'Control-plane rate limits; highBurst for creating hundreds of VMs at once.' })),
    insecureRegistries: Type.Optional(Type.Array(Type.String(), { description: 'Registries (host[:port]) imports may reach without TLS verification.' })),
    storageImport: Type.Optional(
      Type.Object({ insecureRegistries: Type.Optional(Type.Array(Type.String(), { description: 'host[:port] entries.' })) }, strict),
    ),
    vddkInitImage: Type.Optional(Type.String({ description: 'Image with the VMware VDDK library for VMware imports.' })),
    infra: Type.Optional(FreeFormSchema),
    workloads: Type.Optional(FreeFormSchema),
    evictionStrategy: Type.Optional(stringEnum(['None', 'LiveMigrate', 'LiveMigrateIfPossible', 'External'], { description: 'What happens to VMs when their node is drained.' })),
    commonBootImageNamespace: Type.Optional(Type.String({ description: 'Namespace of the common boot images (golden images).' })),
    uninstallStrategy: Type.Optional(stringEnum(['RemoveWorkloads', 'BlockUninstallIfWorkloadsExist'])),
    enableCommonBootImageImport: Type.Optional(Type.Boolean()),
    deployVmConsoleProxy: Type.Optional(Type.Boolean()),
    enableApplicationAwareQuota: Type.Optional(Type.Boolean()),
    localStorageClassName: Type.Optional(Type.String()),
    scratchSpaceStorageClass: Type.Optional(Type.String()),
    vmStateStorageClass: Type.Optional(Type.String()),
    defaultRuntimeClass: Type.Optional(Type.String()),
    commonTemplatesNamespace: Type.Optional(Type.String()),
    tektonPipelinesNamespace: Type.Optional(Type.String()),
    tektonTasksNamespace: Type.Optional(Type.String()),
    kubeSecondaryDNSNameServerIP: Type.Optional(Type.String()),
    // Operand settings Vireo keeps for round-trips but does not interpret yet.
    permittedHostDevices: Type.Optional(FreeFormSchema),
    mediatedDevicesConfiguration: Type.Optional(FreeFormSchema),
    resourceRequirements: Type.Optional(FreeFormSchema),
    obsoleteCPUs: Type.Optional(FreeFormSchema),
    workloadUpdateStrategy: Type.Optional(FreeFormSchema),
    dataImportCronTemplates: Type.Optional(Type.Array(FreeFormSchema)),
    filesystemOverhead: Type.Optional(FreeFormSchema),
    logVerbosityConfig: Type.Optional(FreeFormSchema),
    tlsSecurityProfile: Type.Optional(FreeFormSchema),
    kubeMacPoolConfiguration: Type.Optional(FreeFormSchema),
    virtualMachineOptions: Type.Optional(FreeFormSchema),
    ksmConfiguration: Type.Optional(FreeFormSchema),
    changedBlockTrackingLabelSelectors: Type.Optional(FreeFormSchema),
    networkBinding: Type.Optional(FreeFormSchema),
    applicationAwareConfig: Type.Optional(FreeFormSchema),
    higherWorkloadDensity: Type.Optional(FreeFormSchema),
    instancetypeConfig: Type.Optional(FreeFormSchema),
    CommonInstancetypesDeployment: Type.Optional(FreeFormSchema),
    liveUpdateConfiguration: Type.Optional(FreeFormSchema),
    hypervisors: Type.Optional(Type.Array(FreeFormSchema)),
    roleAggregationStrategy: Type.Optional(stringEnum(['AggregateToDefault', 'Manual'])),
  },
  { ...strict, description: 'Cluster-wide configuration of the virtualization platform.' },
);
export type HyperConvergedSpec = Static<typeof HyperConvergedSpecSchema>;

const HyperConvergedStatusSchema = Type.Object(
  {
    conditions: Type.Optional(Type.Array(ConditionSchema)),
    versions: Type.Optional(Type.Array(Type.Object({ name: Type.String(), version: Type.String() }, strict))),
    relatedObjects: Type.Optional(Type.Array(FreeFormSchema)),
    observedGeneration: Type.Optional(Type.Integer()),
    dataImportSchedule: Type.Optional(Type.String()),
    dataImportCronTemplates: Type.Optional(Type.Array(FreeFormSchema)),
    systemHealthStatus: Type.Optional(Type.String()),
    infrastructureHighlyAvailable: Type.Optional(Type.Boolean()),
    nodeInfo: Type.Optional(FreeFormSchema),
  },
  strict,
);

export const HyperConvergedSchema = objectSchema({
  spec: HyperConvergedSpecSchema,
  status: HyperConvergedStatusSchema,
  description: 'HyperConverged is the one cluster-wide configuration object (kubevirt-hyperconverged in vireo-system).',
});

export type HyperConverged = KubeObject & { spec?: HyperConvergedSpec; status?: Static<typeof HyperConvergedStatusSchema> };

export const LIVE_MIGRATION_DEFAULTS = {
  completionTimeoutPerGiB: 150,
  parallelMigrationsPerCluster: 5,
  parallelOutboundMigrationsPerNode: 2,
  progressTimeout: 150,
  allowAutoConverge: false,
  allowPostCopy: false,
} as const;

function validateRegistries(list: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((entry, i) => {
    const problem = registryProblem(entry);
    if (problem) errs.push({ field: `${path}[${i}]`, message: problem, reason: 'FieldValueInvalid' });
  });
  return errs;
}

export const hyperConvergedKind = defineKind<HyperConverged>({
  group: 'hco.kubevirt.io',
  version: 'v1beta1',
  kind: 'HyperConverged',
  plural: 'hyperconvergeds',
  singular: 'hyperconverged',
  shortNames: ['hco', 'hcos'],
  namespaced: true,
  schema: HyperConvergedSchema,
  hasStatus: true,
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  defaults(hco) {
    const spec = (hco.spec ??= {});
    defaultCertConfig((spec.certConfig ??= {}));
    const lm = (spec.liveMigrationConfig ??= {});
    Object.assign(lm, { ...LIVE_MIGRATION_DEFAULTS, ...lm });
    const gates = (spec.featureGates ??= {});
    for (const [name, value] of Object.entries(FEATURE_GATES)) {
      if (value !== undefined && gates[name] === undefined) gates[name] = value;
    }
    spec.uninstallStrategy ??= 'BlockUninstallIfWorkloadsExist';
  },
  validate(hco) {
    const errs: FieldError[] = [];
    const { name, namespace } = hco.metadata;
    if (name !== HCO_NAME) {
      errs.push({ field: 'metadata.name', message: `Invalid value: "${name ?? ''}": the HyperConverged must be named ${HCO_NAME}: it is the one cluster-wide configuration object`, reason: 'FieldValueInvalid' });
    }
    if (namespace !== HCO_NAMESPACE) {
      errs.push({ field: 'metadata.namespace', message: `Invalid value: "${namespace ?? ''}": the HyperConverged must be in namespace ${HCO_NAMESPACE} (Vireo's openshift-cnv): it is the one cluster-wide configuration object`, reason: 'FieldValueInvalid' });
    }
    const spec = hco.spec ?? {};
    errs.push(...validateCertConfig(spec.certConfig));
    for (const gate of Object.keys(spec.featureGates ?? {})) {
      if (!isKnownFeatureGate(gate)) {
        errs.push({ field: `spec.featureGates.${gate}`, message: `Unsupported value: "${gate}": unknown feature gate; known gates: ${Object.keys(FEATURE_GATES).join(', ')}`, reason: 'FieldValueNotSupported' });
      }
    }
    const bandwidth = spec.liveMigrationConfig?.bandwidthPerMigration;
    if (bandwidth !== undefined && (tryParseQuantity(bandwidth) ?? -1) < 0) {
      errs.push({ field: 'spec.liveMigrationConfig.bandwidthPerMigration', message: `Invalid value: "${bandwidth}": must be a non-negative quantity such as 64Mi`, reason: 'FieldValueInvalid' });
    }
    errs.push(...validateRegistries(spec.insecureRegistries, 'spec.insecureRegistries'));
    errs.push(...validateRegistries(spec.storageImport?.insecureRegistries, 'spec.storageImport.insecureRegistries'));
    return errs;
  },
});
