// The details page's Actions menu: every action of the factory, power first, then migration, each
// greyed by its rule (with the reason as a tooltip where there is one).
import { Divider, Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { Fragment, useState } from 'react';
import { useT } from '../../context.tsx';
import type { VmAction } from '../../vm/actions.ts';
import { actionItemState } from './action-item.ts';

export function VmActionsMenu({ actions, busy, onRun }: { actions: readonly VmAction[]; busy: boolean; onRun: (a: VmAction) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle ref={ref} id="actions-menu" variant="primary" isExpanded={open} onClick={() => setOpen((o) => !o)}>
          {t('action.menu')}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {actions.map((a, i) => (
          <Fragment key={a.id}>
            {i > 0 && a.group !== actions[i - 1]!.group && <Divider component="li" />}
            <DropdownItem id={`menu-${a.id}`} {...actionItemState(a, busy, t)} onClick={() => onRun(a)}>
              {t(a.label)}
            </DropdownItem>
          </Fragment>
        ))}
      </DropdownList>
    </Dropdown>
  );
}
