// The cdi.kubevirt.io/v1beta1 kinds Vireo serves.
import type { KindDefinition } from '../../machinery/kind.ts';
import { dataImportCronKind } from './dataimportcron.ts';
import { dataSourceKind } from './datasource.ts';
import { dataVolumeKind } from './datavolume.ts';

export const cdiKinds = [dataVolumeKind, dataSourceKind, dataImportCronKind] as unknown as KindDefinition[];
