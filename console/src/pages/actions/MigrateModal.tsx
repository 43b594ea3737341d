// Migrate with a node choice (kubevirt-plugin's dialog): "Automatically selected node" or one
// schedulable Ready node other than the current one; the nodes not offered are listed with why.
// Migrate PUTs MigrateOptions to the VM's migrate subresource, which creates the
// VirtualMachineInstanceMigration (with addedNodeSelector for a chosen node); a refusal stays here.
import { Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { useApi, useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { migrateOptions, migrationNodes, type NodeObject } from '../../vm/migrate-nodes.ts';

interface Props {
  namespace: string;
  name: string;
  vmi?: VirtualMachineInstance;
  onClose: () => void;
}

export function MigrateModal({ namespace, name, vmi, onClose }: Props) {
  const { t } = useT();
  const { client } = useApi();
  const nodes = useWatchList<NodeObject>(paths.nodes());
  const choices = migrationNodes(nodes.items, vmi?.status?.nodeName);
  const offered = choices.filter((c) => !c.block);
  const blocked = choices.filter((c) => c.block);
  const [specific, setSpecific] = useState(false);
  const [node, setNode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const chosen = offered.find((c) => c.name === node);
  const migrate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await client.put(paths.vmAction(namespace, name, 'migrate'), migrateOptions(specific ? chosen : undefined));
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal id="migrate-modal" variant="small" isOpen onClose={onClose} aria-labelledby="migrate-modal-title">
      <ModalHeader title={t('migrate.title', { name })} labelId="migrate-modal-title" />
      <ModalBody>
        <p style={{ marginBottom: 16 }}>{t('migrate.intro')}</p>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup role="radiogroup" fieldId="migrate-target" isStack>
            <Radio id="migrate-auto" name="migrate-target" label={t('migrate.auto')} description={t('migrate.autoHelp')} isChecked={!specific} onChange={() => setSpecific(false)} />
            <Radio id="migrate-specific" name="migrate-target" label={t('migrate.specific')} isChecked={specific} isDisabled={offered.length === 0} onChange={() => setSpecific(true)} />
          </FormGroup>
          {specific && (
            <FormGroup label={t('migrate.node')} fieldId="migrate-node" isRequired>
              <FormSelect id="migrate-node" value={node} onChange={(_e, v) => setNode(v)} aria-label={t('migrate.node')}>
                <FormSelectOption value="" label={t('migrate.selectNode')} isPlaceholder />
                {offered.map((c) => (
                  <FormSelectOption key={c.name} value={c.name} label={c.name} />
                ))}
              </FormSelect>
            </FormGroup>
          )}
          <HelperText id="migrate-nodes-help">
            {nodes.loaded && offered.length === 0 && <HelperTextItem variant="warning">{t('migrate.noNodes')}</HelperTextItem>}
            {blocked.length > 0 && (
              <HelperTextItem id="migrate-not-offered">{t('migrate.notOffered', { list: blocked.map((c) => `${c.name} (${t(`migrate.block.${c.block!}`)})`).join(', ') })}</HelperTextItem>
            )}
          </HelperText>
        </Form>
        {error && (
          <Alert id="migrate-error" variant="danger" isInline title={t('migrate.failed')} style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button id="migrate-confirm" variant="primary" isDisabled={busy || (specific && !chosen)} isLoading={busy} onClick={() => void migrate()}>
          {t('migrate.confirm')}
        </Button>
        <Button id="migrate-cancel" variant="link" onClick={onClose}>
          {t('snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
