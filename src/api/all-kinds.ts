// Every kind the API server serves, in discovery order.
import type { KindDefinition } from '../machinery/kind.ts';
import { coreKinds } from './core/index.ts';
import { appsKinds } from './apps/controllerrevision.ts';
import { storageKinds } from './storage/index.ts';
import { kubevirtKinds } from './kubevirt/index.ts';
import { cdiKinds } from './cdi/index.ts';
import { networkKinds } from './network/index.ts';
import { hcoKinds } from './hco/index.ts';
import { templateKinds } from './template/index.ts';
import { instancetypeKinds } from './instancetype/index.ts';
import { migrationsKinds } from './migrations/index.ts';
import { snapshotKinds } from './snapshot/index.ts';
import { cloneKinds } from './clone/index.ts';

export const allKinds: KindDefinition[] = [
  ...coreKinds,
  ...appsKinds,
  ...storageKinds,
  ...kubevirtKinds,
  ...cdiKinds,
  ...networkKinds,
  ...hcoKinds,
  ...templateKinds,
  ...instancetypeKinds,
  ...migrationsKinds,
  ...snapshotKinds,
  ...cloneKinds,
] as KindDefinition[];
