// The hco.kubevirt.io/v1beta1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { hyperConvergedKind } from './hyperconverged.ts';

export const hcoKinds = [hyperConvergedKind] as unknown as KindDefinition[];
