// HCO's feature gates (hco.kubevirt.io/v1beta1 HyperConvergedFeatureGates), the one list Vireo
// knows. The value is HCO's default, filled in when the gate is absent; undefined means HCO has no
// default (mostly deprecated gates, kept so existing YAML still applies).
export const FEATURE_GATES: Readonly<Record<string, boolean | undefined>> = {
  downwardMetrics: false,
  withHostPassthroughCPU: undefined,
  enableCommonBootImageImport: undefined,
  deployTektonTaskResources: undefined,
  deployVmConsoleProxy: undefined,
  deployKubeSecondaryDNS: false,
  deployKubevirtIpamController: undefined,
  nonRoot: undefined,
  disableMDevConfiguration: undefined,
  persistentReservation: undefined,
  enableManagedTenantQuota: undefined,
  autoResourceLimits: undefined,
  alignCPUs: false,
  enableApplicationAwareQuota: undefined,
  primaryUserDefinedNetworkBinding: undefined,
  enableMultiArchBootImageImport: undefined,
  decentralizedLiveMigration: true,
  declarativeHotplugVolumes: true,
  videoConfig: undefined,
  objectGraph: false,
  incrementalBackup: false,
  containerPathVolumes: false,
  // OpenShift Virtualization's docs enable EFI/TPM persistence with this gate (seed 004 §6.13.5.3).
  VMPersistentState: false,
};

export function isKnownFeatureGate(name: string): boolean {
  return Object.hasOwn(FEATURE_GATES, name);
}
