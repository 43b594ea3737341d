// PLACEHOLDER (being written this session): the VM details Diagnostics tab.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';

export function VmDiagnosticsTab(props: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  return <div id="vm-tab-diagnostics">{props.vm.metadata.name}</div>;
}
