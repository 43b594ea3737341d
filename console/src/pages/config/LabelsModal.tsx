// Edit the VM's labels or annotations: key=value rows checked against Kubernetes' rules as typed;
// Save stays disabled while any row is wrong, so nothing invalid is sent.
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { hasProblems, metadataOps, rowProblems, rowsOf, type MapKind } from '../../config/labels.ts';
import { useT } from '../../context.tsx';
import { ConfigModal } from './ConfigModal.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';

export function LabelsModal({ vm, kind, onClose }: { vm: VirtualMachine; kind: MapKind; onClose: () => void }) {
  const { t } = useT();
  const [rows, setRows] = useState(() => {
    const r = rowsOf(vm.metadata[kind]);
    return r.length > 0 ? r : [{ key: '', value: '' }];
  });
  // A row left wholly blank is dropped on save rather than refused.
  const filled = rows.filter((r) => r.key !== '' || r.value !== '');
  const problems = rowProblems(rows, kind).map((p, i) => (rows[i]!.key === '' && rows[i]!.value === '' ? { key: [], value: [] } : p));
  const invalid = hasProblems(problems);
  const labels = kind === 'labels';
  return (
    <ConfigModal
      id={`${kind}-modal`}
      variant="medium"
      title={t(labels ? 'config.editLabels' : 'config.editAnnotations')}
      vm={vm}
      build={invalid ? undefined : (cur) => metadataOps(cur, kind, filled)}
      onClose={onClose}
    >
      <KeyValueEditor id={`${kind}-editor`} rows={rows} problems={problems} onChange={setRows} addLabel={t(labels ? 'config.addLabel' : 'config.addAnnotation')} />
    </ConfigModal>
  );
}
