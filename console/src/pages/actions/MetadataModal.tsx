// Edit labels / Edit annotations (kubevirt-plugin's dialog): the map as removable `key=value`
// chips and an input that adds one on Enter, its key and value checked as typed. Save sends one
// JSON merge patch of metadata.labels (or .annotations); a refusal stays in the dialog.
import { Alert, Button, Form, FormGroup, HelperText, HelperTextItem, InputGroup, InputGroupItem, Label, LabelGroup, Modal, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { entriesOf, entryProblem, metadataPatch, parseEntry, withEntry, type Entry, type MapKind } from '../../vm/metadata-edit.ts';

interface Props {
  vm: VirtualMachine;
  kind: MapKind;
  onClose: () => void;
}

export function MetadataModal({ vm, kind, onClose }: Props) {
  const { t } = useT();
  const { client } = useApi();
  const [entries, setEntries] = useState<Entry[]>(() => entriesOf(vm.metadata[kind]));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problem = text.trim() ? entryProblem(text, kind) : undefined;
  const id = `${kind}-modal`;
  const add = () => {
    if (!text.trim() || problem) return;
    setEntries((l) => withEntry(l, parseEntry(text)));
    setText('');
  };
  const save = async () => {
    const patch = metadataPatch(kind, vm.metadata[kind], entries);
    if (!patch) return onClose();
    setBusy(true);
    setError(undefined);
    try {
      await client.mergePatch(paths.vm(vm.metadata.namespace ?? 'default', vm.metadata.name), patch);
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal id={id} variant="small" isOpen onClose={onClose} aria-labelledby={`${id}-title`}>
      <ModalHeader title={t(kind === 'labels' ? 'meta.labelsTitle' : 'meta.annotationsTitle')} labelId={`${id}-title`} />
      <ModalBody>
        <p style={{ marginBottom: 16 }}>{t(kind === 'labels' ? 'meta.labelsHelp' : 'meta.annotationsHelp')}</p>
        <Form onSubmit={(e) => (e.preventDefault(), add())}>
          <FormGroup fieldId={`${id}-input`}>
            <LabelGroup id={`${id}-chips`} numLabels={50} isEditable={false} categoryName="">
              {entries.length === 0 && <Label variant="outline">{t('meta.none')}</Label>}
              {entries.map((e) => (
                <Label key={e.key} data-key={e.key} color="blue" closeBtnAriaLabel={t('meta.remove', { key: e.key })} onClose={() => setEntries((l) => l.filter((x) => x.key !== e.key))}>
                  {e.value === '' ? e.key : `${e.key}=${e.value}`}
                </Label>
              ))}
            </LabelGroup>
          </FormGroup>
          <FormGroup fieldId={`${id}-input`}>
            <InputGroup>
              <InputGroupItem isFill>
                <TextInput id={`${id}-input`} aria-label={t('meta.input')} placeholder={t('meta.input')} value={text} validated={problem ? 'error' : 'default'} onChange={(_e, v) => setText(v)} />
              </InputGroupItem>
              <InputGroupItem>
                <Button id={`${id}-add`} variant="control" type="submit" isDisabled={!text.trim() || !!problem}>
                  {t('meta.add')}
                </Button>
              </InputGroupItem>
            </InputGroup>
            {problem && (
              <HelperText>
                <HelperTextItem variant="error" id={`${id}-problem`}>
                  {t(problem)}
                </HelperTextItem>
              </HelperText>
            )}
          </FormGroup>
        </Form>
        {error && (
          <Alert id={`${id}-error`} variant="danger" isInline title={t('meta.saveFailed')} style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button id={`${id}-save`} variant="primary" isDisabled={busy || !!problem} isLoading={busy} onClick={() => void save()}>
          {t('meta.save')}
        </Button>
        <Button id={`${id}-cancel`} variant="link" onClick={onClose}>
          {t('snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
