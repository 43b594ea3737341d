// How one VM action renders as a menu item (the details' Actions menu and the list's kebab): greyed
// when not enabled or while another action runs; greyed with a reason as aria-disabled, so the
// pointer still reaches it and its tooltip says why.
import type { TooltipProps } from '@patternfly/react-core';
import type { MessageKey } from '../../i18n.ts';
import type { VmAction } from '../../vm/actions.ts';

type Translate = (k: MessageKey, vars?: Record<string, string | number>) => string;

export interface ActionItemState {
  isDisabled: boolean;
  isAriaDisabled: boolean;
  tooltipProps?: TooltipProps;
}

export function actionItemState(a: VmAction, busy: boolean, t: Translate): ActionItemState {
  if (busy) return { isDisabled: true, isAriaDisabled: false };
  if (a.enabled) return { isDisabled: false, isAriaDisabled: false };
  if (!a.disabledReason) return { isDisabled: true, isAriaDisabled: false };
  const reason = t(a.disabledReason.key, a.disabledReason.vars);
  // Beside the menu, not above: a tooltip on top would cover the item above it.
  return { isDisabled: false, isAriaDisabled: true, tooltipProps: { content: reason, position: 'left', className: 'vm-action-reason' } };
}
