// The storage.k8s.io/v1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { storageClassKind } from './storageclass.ts';

export const storageKinds = [storageClassKind] as unknown as KindDefinition[];
