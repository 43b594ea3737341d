// A refused save, as the server said it: the message, each invalid field it names, and a hint to
// review and retry when the VM changed underneath the form.
import { Alert } from '@patternfly/react-core';
import { ApiRequestError } from '../../api/client.ts';
import { isStale, StaleFormError } from '../../config/patch-request.ts';
import { useT } from '../../context.tsx';

export function SaveError({ error, id = 'config-save-error' }: { error?: Error; id?: string }) {
  const { t } = useT();
  if (!error) return null;
  const causes = error instanceof ApiRequestError ? error.causes : [];
  return (
    <Alert id={id} className="config-save-error" variant="danger" isInline title={t('config.saveFailed')} style={{ marginBottom: 16 }}>
      {isStale(error) && <p>{t('config.conflict')}</p>}
      {/* With causes, the message repeats them: keep its lead ('VirtualMachine "x" is invalid'). */}
      {!(error instanceof StaleFormError) && <p>{causes.length > 0 ? error.message.split(': ')[0] : error.message}</p>}
      {causes.length > 0 && (
        <ul>
          {causes.map((c, i) => (
            <li key={i}>
              {c.field && <code>{c.field}</code>} {c.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
