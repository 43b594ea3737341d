import { Icon } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon.js';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon.js';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon.js';
import MigrationIcon from '@patternfly/react-icons/dist/esm/icons/migration-icon.js';
import OffIcon from '@patternfly/react-icons/dist/esm/icons/off-icon.js';
import PauseCircleIcon from '@patternfly/react-icons/dist/esm/icons/pause-circle-icon.js';
import UnknownIcon from '@patternfly/react-icons/dist/esm/icons/unknown-icon.js';
import type { ReactNode } from 'react';
import { statusIcon, type StatusIcon as Kind } from '../vm/status.ts';

const ICON: Record<Kind, { icon: ReactNode; status?: 'success' | 'danger' | 'warning' | 'info' | 'custom' }> = {
  running: { icon: <CheckCircleIcon />, status: 'success' },
  stopped: { icon: <OffIcon /> },
  paused: { icon: <PauseCircleIcon />, status: 'info' },
  progress: { icon: <InProgressIcon />, status: 'info' },
  migrating: { icon: <MigrationIcon />, status: 'info' },
  error: { icon: <ExclamationCircleIcon />, status: 'danger' },
  unknown: { icon: <UnknownIcon />, status: 'warning' },
};

/** The status with its icon; `progress` (percent) follows it while the VM is migrating. */
export function VmStatus({ status, progress }: { status: string; progress?: number }) {
  const kind = statusIcon(status);
  const i = ICON[kind];
  return (
    <span className="vireo-status" data-status={status} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <Icon status={i.status} isInline>
        {i.icon}
      </Icon>
      {status}
      {progress !== undefined && <span className="vireo-status-progress">{progress}%</span>}
    </span>
  );
}
