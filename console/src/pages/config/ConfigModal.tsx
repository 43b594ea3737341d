// The dialog every Configuration edit opens in: the form, the server's refusal shown above the
// buttons, Save disabled while the form is invalid, and closing only once the patch is stored.
import { Button, Form, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import type { PatchOp } from '../../config/json-patch.ts';
import type { ConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { SaveError } from './SaveError.tsx';
import { useVmPatch } from './use-vm-patch.ts';

interface Props {
  id: string;
  title: string;
  vm: VirtualMachine;
  /** The ops of the edit; undefined while the form is invalid. */
  build: ((vm: ConfigVm) => PatchOp[]) | undefined;
  onClose: () => void;
  /** Runs before the patch (e.g. creating a Secret the patch refers to); throws to stop. */
  before?: () => Promise<void>;
  saveLabel?: string;
  variant?: 'small' | 'medium';
  children: ReactNode;
}

export function ConfigModal({ id, title, vm, build, onClose, before, saveLabel, variant = 'small', children }: Props) {
  const { t } = useT();
  const patch = useVmPatch(vm);
  // The spec the form's values came from: saving over a newer one would undo its change.
  const [opened] = useState(vm.metadata.generation);
  const submit = async () => {
    if (!build) return;
    try {
      await before?.();
    } catch (e) {
      patch.fail(e);
      return;
    }
    if (await patch.save(build, opened)) onClose();
  };
  return (
    <Modal id={id} variant={variant} isOpen onClose={onClose} aria-labelledby={`${id}-title`}>
      <ModalHeader title={title} labelId={`${id}-title`} />
      <ModalBody>
        <Form id={`${id}-form`} onSubmit={(e) => (e.preventDefault(), void submit())}>
          {children}
        </Form>
      </ModalBody>
      <ModalFooter>
        <div style={{ width: '100%' }}>
          <SaveError error={patch.error} id={`${id}-error`} />
          <Button id={`${id}-save`} variant="primary" type="submit" form={`${id}-form`} isDisabled={!build || patch.pending} isLoading={patch.pending}>
            {saveLabel ?? t('config.save')}
          </Button>
          <Button id={`${id}-cancel`} variant="link" onClick={onClose}>
            {t('create.cancel')}
          </Button>
        </div>
      </ModalFooter>
    </Modal>
  );
}
