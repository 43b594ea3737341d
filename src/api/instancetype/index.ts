// The instancetype.kubevirt.io/v1beta1 kinds Vireo serves, and how a VM uses them.
export { instancetypeKinds, matcherKind, INSTANCETYPE_API_VERSION, type Instancetype, type Preference } from './kinds.ts';
export { applyInstancetype, applyPreference } from './expand.ts';
export { instancetypeConflicts } from './conflicts.ts';
export type { InstancetypeSpec, PreferenceSpec } from './schemas.ts';
