// Delete VirtualMachine (kubevirt-plugin's dialog): a confirm button and "Delete disks" (checked
// by default), with what happens to each disk spelled out. Unchecked, the template DataVolumes
// lose the VM as owner first, so the VM's deletion leaves them; then the VM is deleted.
import { Alert, Button, Checkbox, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { deletePlan, orphanPatch } from '../../vm/delete-vm.ts';

export function DeleteVmModal({ vm, onClose, onDeleted }: { vm: VirtualMachine; onClose: () => void; onDeleted?: () => void }) {
  const { t } = useT();
  const { client } = useApi();
  const ns = vm.metadata.namespace ?? 'default';
  const name = vm.metadata.name;
  const plan = deletePlan(vm);
  const [disks, setDisks] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (!disks) for (const dv of plan.owned) await client.mergePatch(paths.dataVolume(ns, dv), orphanPatch);
      await client.delete(paths.vm(ns, name));
      onClose();
      onDeleted?.();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal id="delete-modal" variant="small" isOpen onClose={onClose} aria-labelledby="delete-modal-title">
      <ModalHeader title={t('delete.title')} labelId="delete-modal-title" titleIconVariant="warning" />
      <ModalBody>
        <p style={{ marginBottom: 16 }}>{t('delete.body', { name, namespace: ns })}</p>
        {plan.owned.length > 0 ? (
          <>
            <Checkbox id="delete-disks" label={t('delete.disks', { count: plan.owned.length })} isChecked={disks} onChange={(_e, v) => setDisks(v)} />
            <HelperText style={{ marginTop: 8 }}>
              <HelperTextItem id="delete-disks-help" variant={disks ? 'warning' : 'default'}>
                {t(disks ? 'delete.disksOn' : 'delete.disksOff', { names: plan.owned.join(', ') })}
              </HelperTextItem>
            </HelperText>
          </>
        ) : (
          <HelperText>
            <HelperTextItem id="delete-disks-help">{t('delete.noOwned')}</HelperTextItem>
          </HelperText>
        )}
        {plan.referenced.length > 0 && (
          <HelperText style={{ marginTop: 8 }}>
            <HelperTextItem id="delete-referenced">{t('delete.referenced', { names: plan.referenced.join(', ') })}</HelperTextItem>
          </HelperText>
        )}
        {error && (
          <Alert id="delete-error" variant="danger" isInline title={t('delete.failed')} style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button id="delete-confirm" variant="danger" isDisabled={busy} isLoading={busy} onClick={() => void remove()}>
          {t('delete.confirm')}
        </Button>
        <Button id="delete-cancel" variant="link" onClick={onClose}>
          {t('snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
