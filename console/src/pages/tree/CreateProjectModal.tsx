// "Create project" from the tree: name (checked as typed), display name, description. A refused
// create shows the server's message in the dialog; on success the new project opens.
import { Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader, TextArea, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import { useT } from '../../context.tsx';
import { projectNameProblems, projectNamespace } from '../../vm/project.ts';

export function CreateProjectModal({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const { t } = useT();
  const { client } = useApi();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const problems = projectNameProblems(name);
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await client.create(paths.namespaces(), projectNamespace(name, displayName, description));
      onCreated(name);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal id="create-project-modal" variant="small" isOpen onClose={onClose} aria-labelledby="create-project-title">
      <ModalHeader title={t('project.create')} labelId="create-project-title" />
      <ModalBody>
        {error && <Alert id="create-project-error" variant="danger" isInline title={t('project.createFailed')}>{error}</Alert>}
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('project.name')} isRequired fieldId="project-name">
            <TextInput id="project-name" isRequired value={name} validated={touched && problems.length ? 'error' : 'default'} onChange={(_e, v) => (setName(v), setTouched(true))} />
            {touched && problems.length > 0 && (
              <FormHelperText>
                <HelperText id="project-name-problems">
                  {problems.map((p) => (
                    <HelperTextItem key={p} variant="error">{t(p)}</HelperTextItem>
                  ))}
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          <FormGroup label={t('project.displayName')} fieldId="project-display-name">
            <TextInput id="project-display-name" value={displayName} onChange={(_e, v) => setDisplayName(v)} />
          </FormGroup>
          <FormGroup label={t('project.description')} fieldId="project-description">
            <TextArea id="project-description" value={description} onChange={(_e, v) => setDescription(v)} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button id="create-project-submit" variant="primary" isDisabled={problems.length > 0 || busy} isLoading={busy} onClick={() => void create()}>
          {t('project.createSubmit')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('project.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
