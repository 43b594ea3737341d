// Confirms removing a disk or NIC, then patches it away; a refusal is shown in the dialog.
import type { VirtualMachine } from '../../api/types.ts';
import type { PatchOp } from '../../config/json-patch.ts';
import type { ConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { ConfigModal } from './ConfigModal.tsx';

interface Props {
  id: string;
  vm: VirtualMachine;
  title: string;
  body: string;
  build: (vm: ConfigVm) => PatchOp[];
  onClose: () => void;
}

export function ConfirmRemove({ id, vm, title, body, build, onClose }: Props) {
  const { t } = useT();
  return (
    <ConfigModal id={id} title={title} saveLabel={t('config.remove')} vm={vm} build={build} onClose={onClose}>
      <p>{body}</p>
    </ConfigModal>
  );
}
