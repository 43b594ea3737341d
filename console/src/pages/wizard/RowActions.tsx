// The kebab of a NIC or disk row (seed 002: edit and delete through the Options menu).
import { MenuToggle } from '@patternfly/react-core';
import EllipsisVIcon from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon.js';
import { ActionsColumn } from '@patternfly/react-table';
import { useT } from '../../context.tsx';

interface Props {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  /** Why the row cannot be deleted (the boot source's disk), if it cannot. */
  deleteBlocked?: string;
}

export function RowActions({ name, onEdit, onDelete, deleteBlocked }: Props) {
  const { t } = useT();
  return (
    <ActionsColumn
      items={[
        { title: t('wizard.edit'), onClick: onEdit },
        { title: t('wizard.delete'), onClick: onDelete, isAriaDisabled: Boolean(deleteBlocked), tooltipProps: deleteBlocked ? { content: deleteBlocked } : undefined },
      ]}
      popperProps={{ position: 'right', appendTo: () => document.body }}
      actionsToggle={({ onToggle, isOpen, toggleRef }) => (
        <MenuToggle ref={toggleRef} className="wizard-row-kebab" aria-label={t('action.kebab', { name })} variant="plain" isExpanded={isOpen} onClick={onToggle} icon={<EllipsisVIcon />} />
      )}
    />
  );
}
