// The core/v1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { configMapKind } from './configmap.ts';
import { eventKind } from './event.ts';
import { namespaceKind } from './namespace.ts';
import { nodeKind } from './node.ts';
import { podKind } from './pod.ts';
import { persistentVolumeKind } from './pv.ts';
import { persistentVolumeClaimKind } from './pvc.ts';
import { resourceQuotaKind } from './resourcequota.ts';
import { secretKind } from './secret.ts';
import { serviceKind } from './service.ts';

// Each definition is typed by its own object; the list is read through the generic interface.
export const coreKinds = [
  namespaceKind,
  nodeKind,
  podKind,
  secretKind,
  configMapKind,
  eventKind,
  persistentVolumeClaimKind,
  persistentVolumeKind,
  serviceKind,
  resourceQuotaKind,
] as unknown as KindDefinition[];
