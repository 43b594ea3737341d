// Take snapshot (OpenShift's dialog): a name prefilled as <vm>-snapshot-<random>, the disks the
// snapshot copies and those it leaves out, a warning when a running guest has no agent to freeze
// its file systems, and Save, which creates the VirtualMachineSnapshot. A refusal stays in the
// dialog with the API's message.
import { Alert, Button, Form, FormGroup, HelperText, HelperTextItem, List, ListItem, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { nameProblem, snapshotBody, snapshotName, snapshotVolumes } from '../../vm/snapshots.ts';

interface Props {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  onClose: () => void;
}

export function TakeSnapshotModal({ vm, vmi, onClose }: Props) {
  const { t } = useT();
  const { client } = useApi();
  const [name, setName] = useState(() => snapshotName(vm.metadata.name));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const problem = nameProblem(name);
  const { included, excluded } = snapshotVolumes(vm);
  const running = vmi?.status?.phase === 'Running';
  const agent = vmi?.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True');
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await client.create(paths.vmsnapshots(vm.metadata.namespace ?? 'default'), snapshotBody(vm, name));
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal id="take-snapshot-modal" variant="small" isOpen onClose={onClose} aria-labelledby="take-snapshot-title">
      <ModalHeader title={t('action.takeSnapshot')} labelId="take-snapshot-title" />
      <ModalBody>
        <Form id="take-snapshot-form" onSubmit={(e) => (e.preventDefault(), !problem && !saving && void save())}>
          <FormGroup label={t('snapshot.name')} isRequired fieldId="snapshot-name">
            <TextInput id="snapshot-name" value={name} validated={problem ? 'error' : 'default'} onChange={(_e, v) => setName(v)} />
            {problem && (
              <HelperText>
                <HelperTextItem variant="error">{t(problem)}</HelperTextItem>
              </HelperText>
            )}
          </FormGroup>
          <FormGroup label={t('snapshot.included')} fieldId="snapshot-disks">
            {included.length > 0 ? (
              <List id="snapshot-disks">
                {included.map((v) => (
                  <ListItem key={v}>{v}</ListItem>
                ))}
              </List>
            ) : (
              <Alert id="snapshot-no-disks" variant="info" isInline isPlain title={t('snapshot.noDisks')} />
            )}
            {excluded.length > 0 && (
              <HelperText>
                <HelperTextItem>{t('snapshot.excluded', { names: excluded.join(', ') })}</HelperTextItem>
              </HelperText>
            )}
          </FormGroup>
          {running && !agent && <Alert id="snapshot-no-agent" variant="warning" isInline title={t('snapshot.noAgent')} />}
          {error && (
            <Alert id="snapshot-error" variant="danger" isInline title={t('snapshot.takeFailed')}>
              {error}
            </Alert>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button id="snapshot-save" variant="primary" type="submit" form="take-snapshot-form" isDisabled={!!problem || saving} isLoading={saving}>
          {t('snapshot.save')}
        </Button>
        <Button id="snapshot-cancel" variant="link" onClick={onClose}>
          {t('snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
