// Edit the node selector: node labels the VM's node must carry, checked with the label rules.
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { hasProblems, rowProblems, rowsOf } from '../../config/labels.ts';
import { nodeSelectorOps } from '../../config/scheduling.ts';
import { asConfigVm, templateSpecOf } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { ConfigModal } from './ConfigModal.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';

export function NodeSelectorModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [rows, setRows] = useState(() => {
    const r = rowsOf(templateSpecOf(asConfigVm(vm)).nodeSelector);
    return r.length > 0 ? r : [{ key: '', value: '' }];
  });
  const blank = (i: number) => rows[i]!.key === '' && rows[i]!.value === '';
  const problems = rowProblems(rows, 'labels').map((p, i) => (blank(i) ? { key: [], value: [] } : p));
  const filled = rows.filter((_r, i) => !blank(i));
  return (
    <ConfigModal id="node-selector-modal" variant="medium" title={t('config.editNodeSelector')} vm={vm} build={hasProblems(problems) ? undefined : (cur) => nodeSelectorOps(cur, filled)} onClose={onClose}>
      <KeyValueEditor id="node-selector-editor" rows={rows} problems={problems} onChange={setRows} addLabel={t('config.addNodeLabel')} />
    </ConfigModal>
  );
}
