// PLACEHOLDER (being written this session): the VM details Configuration tab.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';

export function VmConfigurationTab(props: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  return <div id="vm-tab-configuration">{props.vm.metadata.name}</div>;
}
