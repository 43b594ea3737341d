// A confirmation dialog for one API call (restore, delete): the call runs on confirm, the dialog
// closes when it succeeds and shows the API's message when it fails.
import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useT } from '../../context.tsx';

interface Props {
  id: string;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** The title of the alert when the call fails. */
  failedTitle: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}

export function ConfirmModal({ id, title, confirmLabel, danger, failedTitle, onConfirm, onClose, children }: Props) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal id={id} variant="small" isOpen onClose={onClose} aria-labelledby={`${id}-title`}>
      <ModalHeader title={title} labelId={`${id}-title`} titleIconVariant={danger ? 'warning' : undefined} />
      <ModalBody>
        {children}
        {error && (
          <Alert className="confirm-error" variant="danger" isInline title={failedTitle} style={{ marginTop: 12 }}>
            {error}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button id={`${id}-confirm`} variant={danger ? 'danger' : 'primary'} isDisabled={busy} isLoading={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
        <Button id={`${id}-cancel`} variant="link" onClick={onClose}>
          {t('snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
