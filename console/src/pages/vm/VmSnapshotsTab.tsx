// PLACEHOLDER (being written this session): the VM details Snapshots tab.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';

export function VmSnapshotsTab(props: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  return <div id="vm-tab-snapshots">{props.vm.metadata.name}</div>;
}
