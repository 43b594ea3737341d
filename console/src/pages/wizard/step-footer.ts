// The wizard footer's props for a step, in the user's language (PatternFly's are English, and a
// step's footer replaces the wizard's whole), with ids the tests and users' scripts can rely on.
import type { WizardFooterProps } from '@patternfly/react-core';
import type { MessageKey } from '../../i18n.ts';

type T = (k: MessageKey, vars?: Record<string, string | number>) => string;

export function stepFooter(t: T, opts: { nextDisabled: boolean; nextText?: MessageKey; loading?: boolean }): Partial<WizardFooterProps> {
  return {
    nextButtonText: t(opts.nextText ?? 'wizard.next'),
    backButtonText: t('wizard.back'),
    cancelButtonText: t('create.cancel'),
    isNextDisabled: opts.nextDisabled,
    nextButtonProps: { id: 'wizard-next', isLoading: opts.loading },
    backButtonProps: { id: 'wizard-back' },
    cancelButtonProps: { id: 'wizard-cancel' },
  };
}
