// What a VMI spec becomes once its VM's instance type and preference are applied: the instance
// type's CPU and memory (admission made sure the VM set none), then each preference where the VM
// left the field empty. Pure; the VM controller fetches the two objects and calls this.
import type { VirtualMachineInstanceSpec } from '../kubevirt/vmi-spec.ts';
import type { InstancetypeSpec, PreferenceSpec } from './schemas.ts';

type Spec = VirtualMachineInstanceSpec;

function topology(guest: number, pref: PreferenceSpec | undefined): { sockets: number; cores: number; threads: number } {
  switch (pref?.cpu?.preferredCPUTopology) {
    case 'preferCores':
      return { sockets: 1, cores: guest, threads: 1 };
    case 'preferThreads':
      return { sockets: 1, cores: 1, threads: guest };
    default:
      return { sockets: guest, cores: 1, threads: 1 };
  }
}

export function applyInstancetype(spec: Spec, it: InstancetypeSpec, pref?: PreferenceSpec): Spec {
  const out = structuredClone(spec);
  const d = out.domain;
  d.cpu = { ...(d.cpu ?? {}), ...topology(it.cpu.guest, pref) };
  if (it.cpu.model !== undefined) d.cpu.model = it.cpu.model;
  if (it.cpu.dedicatedCPUPlacement !== undefined) d.cpu.dedicatedCpuPlacement = it.cpu.dedicatedCPUPlacement;
  if (it.cpu.isolateEmulatorThread !== undefined) d.cpu.isolateEmulatorThread = it.cpu.isolateEmulatorThread;
  if (it.cpu.maxSockets !== undefined) d.cpu.maxSockets = it.cpu.maxSockets;
  d.memory = { ...(d.memory ?? {}), guest: it.memory.guest };
  if (it.memory.hugepages) d.memory.hugepages = { ...it.memory.hugepages };
  if (it.memory.maxGuest !== undefined) d.memory.maxGuest = it.memory.maxGuest;
  if (it.ioThreadsPolicy !== undefined) d.ioThreadsPolicy = it.ioThreadsPolicy as Spec['domain']['ioThreadsPolicy'];
  if (it.nodeSelector) out.nodeSelector = { ...(out.nodeSelector ?? {}), ...it.nodeSelector };
  if (it.schedulerName !== undefined) out.schedulerName = it.schedulerName;
  return out;
}

export function applyPreference(spec: Spec, p: PreferenceSpec): Spec {
  const out = structuredClone(spec);
  const d = out.domain;
  const dev = (d.devices ??= {});
  const pd = p.devices ?? {};
  for (const disk of dev.disks ?? []) {
    if (disk.cdrom) disk.cdrom.bus ??= pd.preferredCdromBus as typeof disk.cdrom.bus;
    else if (disk.lun) disk.lun.bus ??= pd.preferredLunBus as typeof disk.lun.bus;
    else if (pd.preferredDiskBus) disk.disk = { ...(disk.disk ?? {}), bus: disk.disk?.bus ?? (pd.preferredDiskBus as NonNullable<typeof disk.disk>['bus']) };
  }
  for (const iface of dev.interfaces ?? []) if (iface.model === undefined && pd.preferredInterfaceModel) iface.model = pd.preferredInterfaceModel;
  if (pd.preferredRng && dev.rng === undefined) dev.rng = {};
  if (pd.preferredTPM && dev.tpm === undefined) dev.tpm = { ...pd.preferredTPM };
  if (pd.preferredAutoattachInputDevice !== undefined) dev.autoattachInputDevice ??= pd.preferredAutoattachInputDevice;
  if (pd.preferredNetworkInterfaceMultiQueue !== undefined) dev.networkInterfaceMultiqueue ??= pd.preferredNetworkInterfaceMultiQueue;
  if (p.firmware && d.firmware?.bootloader === undefined) {
    if (p.firmware.preferredUseEfi) d.firmware = { ...(d.firmware ?? {}), bootloader: { efi: { secureBoot: p.firmware.preferredUseSecureBoot ?? false } } };
    else if (p.firmware.preferredUseBios) d.firmware = { ...(d.firmware ?? {}), bootloader: { bios: p.firmware.preferredUseBiosSerial ? { useSerial: true } : {} } };
  }
  if (p.features?.preferredSmm && d.features?.smm === undefined) d.features = { ...(d.features ?? {}), smm: { enabled: p.features.preferredSmm.enabled ?? true } };
  if (p.machine?.preferredMachineType && d.machine?.type === undefined) d.machine = { type: p.machine.preferredMachineType };
  if (p.clock && d.clock === undefined) d.clock = structuredClone(p.clock);
  if (p.preferredTerminationGracePeriodSeconds !== undefined) out.terminationGracePeriodSeconds ??= p.preferredTerminationGracePeriodSeconds;
  return out;
}
