// The pencil-link a Configuration field opens its dialog with, as the OpenShift console shows it.
import { Button } from '@patternfly/react-core';
import PencilAltIcon from '@patternfly/react-icons/dist/esm/icons/pencil-alt-icon.js';
import type { ReactNode } from 'react';

export function EditButton({ id, label, onClick, children }: { id: string; label: string; onClick: () => void; children?: ReactNode }) {
  return (
    <Button id={id} variant="link" isInline icon={<PencilAltIcon />} iconPosition="end" aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}
