// `vireo create instancetype|preference [NAME]`: print an instance type or preference manifest, as
// virtctl does, for `| kubectl apply -f -`. Cluster-wide by default; --namespaced (or -n NS) makes
// the namespaced kind. The name may be given as the argument or with --name (virtctl's spelling);
// without either it is random, like virtctl's.
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { INSTANCETYPE_API_VERSION, type Instancetype, type Preference } from '../api/instancetype/index.ts';
import type { PreferenceSpec } from '../api/instancetype/schemas.ts';
import { flagError, quantityParam, randomSuffix } from './create-params.ts';

interface Common {
  name?: string;
  namespaced?: boolean;
  namespace?: string;
}

function nameOf(arg: string | undefined, o: Common, prefix: string): string {
  if (arg && o.name && arg !== o.name) throw new Error(`the name is given twice: ${arg} and --name ${o.name}`);
  return arg ?? o.name ?? `${o.namespaced || o.namespace ? '' : 'cluster'}${prefix}-${randomSuffix()}`;
}

function meta(name: string, o: Common): { name: string; namespace?: string } {
  return { name, ...(o.namespace ? { namespace: o.namespace } : {}) };
}

export function instancetypeManifest(name: string | undefined, o: Common & { cpu: string; memory: string; ioThreadsPolicy?: string }): Instancetype {
  const cpu = Number(o.cpu);
  if (!Number.isInteger(cpu) || cpu <= 0) throw flagError('cpu', 'cpu value must be an integer greater than zero');
  const memory = quantityParam('memory', 'memory', o.memory);
  if (o.ioThreadsPolicy !== undefined && !['auto', 'shared'].includes(o.ioThreadsPolicy)) throw flagError('iothreadspolicy', 'IOThread must be of value auto or shared');
  return {
    apiVersion: INSTANCETYPE_API_VERSION,
    kind: o.namespaced || o.namespace ? 'VirtualMachineInstancetype' : 'VirtualMachineClusterInstancetype',
    metadata: meta(nameOf(name, o, 'instancetype'), o),
    spec: { cpu: { guest: cpu }, memory: { guest: memory }, ...(o.ioThreadsPolicy ? { ioThreadsPolicy: o.ioThreadsPolicy } : {}) },
  };
}

type Topology = NonNullable<NonNullable<PreferenceSpec['cpu']>['preferredCPUTopology']>;
const TOPOLOGIES: Record<string, Topology> = { sockets: 'preferSockets', cores: 'preferCores', threads: 'preferThreads', spread: 'preferSpread', any: 'preferAny' };

export function preferenceManifest(name: string | undefined, o: Common & { cpuTopology?: string; machineType?: string; volumeStorageClass?: string }): Preference {
  const spec: PreferenceSpec = {};
  if (o.cpuTopology !== undefined) {
    // virtctl's current spelling (sockets) and the v1beta1 one (preferSockets) are both taken.
    const t = TOPOLOGIES[o.cpuTopology] ?? Object.values(TOPOLOGIES).find((v) => v === o.cpuTopology);
    if (!t) throw flagError('cpu-topology', 'CPU topology must have a value of sockets, cores, threads, spread or any');
    spec.cpu = { preferredCPUTopology: t };
  }
  if (o.machineType) spec.machine = { preferredMachineType: o.machineType };
  if (o.volumeStorageClass) spec.volumes = { preferredStorageClassName: o.volumeStorageClass };
  return {
    apiVersion: INSTANCETYPE_API_VERSION,
    kind: o.namespaced || o.namespace ? 'VirtualMachinePreference' : 'VirtualMachineClusterPreference',
    metadata: meta(nameOf(name, o, 'preference'), o),
    spec,
  };
}

export function registerCreateSizes(create: Command): void {
  const common = (cmd: Command) =>
    cmd
      .argument('[name]', 'name (else --name, else random)')
      .option('--name <name>', 'name (virtctl spelling)')
      .option('--namespaced', 'the namespaced kind instead of the cluster-wide one')
      .option('-n, --namespace <ns>', 'namespace to put in the manifest (implies --namespaced)');
  common(create.command('instancetype').description('print a VirtualMachineClusterInstancetype (or, --namespaced, VirtualMachineInstancetype) manifest'))
    .requiredOption('--cpu <count>', 'vCPUs the guest gets')
    .requiredOption('--memory <quantity>', 'guest memory, e.g. 2Gi')
    .option('--iothreadspolicy <policy>', 'auto or shared')
    .action((name: string | undefined, o: Common & { cpu: string; memory: string; iothreadspolicy?: string }) => {
      process.stdout.write(stringify(instancetypeManifest(name, { ...o, ioThreadsPolicy: o.iothreadspolicy })));
    });
  common(create.command('preference').description('print a VirtualMachineClusterPreference (or, --namespaced, VirtualMachinePreference) manifest'))
    .option('--cpu-topology <topology>', 'sockets, cores, threads, spread or any')
    .option('--machine-type <type>', 'preferred machine type, e.g. q35')
    .option('--volume-storage-class <class>', 'preferred StorageClass of the VM volumes')
    .action((name: string | undefined, o: Common & { cpuTopology?: string; machineType?: string; volumeStorageClass?: string }) => {
      process.stdout.write(stringify(preferenceManifest(name, o)));
    });
}
