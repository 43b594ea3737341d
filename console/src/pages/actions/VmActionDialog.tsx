// The dialog of one DIALOG action from the VM action factory, for the details page and the list:
// each opens for the VM it was chosen on and closes itself when done or cancelled.
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import type { VmActionId } from '../../vm/actions.ts';
import { TakeSnapshotModal } from '../vm/TakeSnapshotModal.tsx';
import { CloneModal } from './CloneModal.tsx';
import { DeleteVmModal } from './DeleteVmModal.tsx';
import { MetadataModal } from './MetadataModal.tsx';
import { MigrateModal } from './MigrateModal.tsx';
import { SshCommandModal } from './SshCommandModal.tsx';

interface Props {
  id: VmActionId;
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  onClose: () => void;
  /** After Delete succeeded (the details page leaves for the list). */
  onDeleted?: () => void;
}

export function VmActionDialog({ id, vm, vmi, onClose, onDeleted }: Props) {
  switch (id) {
    case 'migrate':
      return <MigrateModal namespace={vm.metadata.namespace ?? 'default'} name={vm.metadata.name} vmi={vmi} onClose={onClose} />;
    case 'editLabels':
      return <MetadataModal vm={vm} kind="labels" onClose={onClose} />;
    case 'editAnnotations':
      return <MetadataModal vm={vm} kind="annotations" onClose={onClose} />;
    case 'copySsh':
      return <SshCommandModal vm={vm} vmi={vmi} onClose={onClose} />;
    case 'clone':
      return <CloneModal vm={vm} onClose={onClose} />;
    case 'delete':
      return <DeleteVmModal vm={vm} onClose={onClose} onDeleted={onDeleted} />;
    case 'takeSnapshot':
      return <TakeSnapshotModal vm={vm} vmi={vmi} onClose={onClose} />;
    default:
      return null;
  }
}
