// A tree node's label that takes part in drag and drop: VMs can be dragged; folders and projects take
// them (moving a VM between folders of its project changes its `vm.openshift.io/folder` label).
import { useState, type DragEvent } from 'react';

const MIME = 'application/x-vireo-vm';

export function TreeNodeName({ label, dragVm, dropId, onDropVm }: { label: string; dragVm?: string; dropId?: string; onDropVm?: (vmKey: string, targetId: string) => void }) {
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => !!dropId && e.dataTransfer.types.includes(MIME);
  return (
    <span
      data-tree-id={dropId}
      data-drag-vm={dragVm}
      draggable={!!dragVm}
      onDragStart={dragVm ? (e) => (e.dataTransfer.setData(MIME, dragVm), (e.dataTransfer.effectAllowed = 'move')) : undefined}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        if (!accepts(e)) return;
        e.preventDefault();
        onDropVm?.(e.dataTransfer.getData(MIME), dropId!);
      }}
      style={over ? { outline: '2px dashed var(--pf-t--global--border--color--clicked, #0066cc)', outlineOffset: 2 } : undefined}
    >
      {label}
    </span>
  );
}
