// The VM list's kebab: the same actions as the details' Actions menu, for one row.
import { MenuToggle } from '@patternfly/react-core';
import EllipsisVIcon from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon.js';
import { ActionsColumn, type IAction } from '@patternfly/react-table';
import { useT } from '../../context.tsx';
import type { VmAction } from '../../vm/actions.ts';
import { actionItemState } from './action-item.ts';

export function VmRowActions({ name, actions, busy, onRun }: { name: string; actions: readonly VmAction[]; busy: boolean; onRun: (a: VmAction) => void }) {
  const { t } = useT();
  const items: IAction[] = [];
  actions.forEach((a, i) => {
    if (i > 0 && a.group !== actions[i - 1]!.group) items.push({ isSeparator: true });
    items.push({ title: t(a.label), ...actionItemState(a, busy, t), onClick: () => onRun(a) });
  });
  return (
    <ActionsColumn
      items={items}
      // On the body: inside the table's scroll container the open menu would widen and scroll it.
      popperProps={{ position: 'right', appendTo: () => document.body }}
      actionsToggle={({ onToggle, isOpen, toggleRef }) => (
        <MenuToggle ref={toggleRef} className="vm-kebab" aria-label={t('action.kebab', { name })} variant="plain" isExpanded={isOpen} onClick={onToggle} icon={<EllipsisVIcon />} />
      )}
    />
  );
}
