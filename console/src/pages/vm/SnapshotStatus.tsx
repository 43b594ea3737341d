// A snapshot's phase with its icon (Succeeded and ready: a check; Failed: red; otherwise in
// progress), and the API's error message under it when there is one.
import { Icon } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon.js';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon.js';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon.js';
import type { VirtualMachineSnapshot } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { snapshotPhase } from '../../vm/snapshots.ts';

export function SnapshotStatus({ snapshot }: { snapshot: VirtualMachineSnapshot }) {
  const { t } = useT();
  const phase = snapshotPhase(snapshot);
  const ready = snapshot.status?.readyToUse === true;
  const failed = phase === 'Failed';
  const error = snapshot.status?.error?.message;
  return (
    <span className="snapshot-status" data-phase={phase} data-ready={String(ready)}>
      <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
        <Icon status={failed ? 'danger' : ready ? 'success' : 'info'} isInline>
          {failed ? <ExclamationCircleIcon /> : ready ? <CheckCircleIcon /> : <InProgressIcon />}
        </Icon>
        {phase}
      </span>
      {ready && <div className="snapshot-ready" style={{ fontSize: 'var(--pf-t--global--font--size--sm)', color: 'var(--pf-t--global--text--color--subtle)' }}>{t('snapshot.ready')}</div>}
      {error && <div className="snapshot-error" style={{ color: 'var(--pf-t--global--text--color--status--danger--default)' }}>{error}</div>}
    </span>
  );
}
