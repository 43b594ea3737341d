// The alerts of failed VM actions, each with the API's message and a close button.
import { Alert, AlertActionCloseButton } from '@patternfly/react-core';
import type { ActionError } from './use-vm-action-runner.ts';

export function ActionErrors({ errors, onDismiss }: { errors: readonly ActionError[]; onDismiss: (id: number) => void }) {
  return (
    <>
      {errors.map((e) => (
        <Alert
          key={e.id}
          variant="danger"
          isInline
          className="action-error"
          title={e.title}
          actionClose={<AlertActionCloseButton onClose={() => onDismiss(e.id)} />}
          style={{ marginBottom: 12 }}
        >
          {e.message}
        </Alert>
      ))}
    </>
  );
}
