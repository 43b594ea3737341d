// PLACEHOLDER (being written this session): the VM details Events tab.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';

export function VmEventsTab(props: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  return <div id="vm-tab-events">{props.vm.metadata.name}</div>;
}
