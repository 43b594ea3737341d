// The k8s.cni.cncf.io/v1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { networkAttachmentDefinitionKind } from './network-attachment-definition.ts';

export const networkKinds = [networkAttachmentDefinitionKind] as unknown as KindDefinition[];
