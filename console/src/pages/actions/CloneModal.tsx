// Clone (kubevirt-plugin's dialog): the new VM's name (the name rule checked as typed, and not taken)
// and "Start VirtualMachine on clone". The dialog creates a VirtualMachineClone and follows its
// phase, each step shown as the clone controller reaches it: snapshot, restore into the new VM,
// delete the temporary snapshot; then start. A failed clone's message stays in the dialog and the
// failed clone is deleted (its temporary snapshot and restore go with it).
import { Alert, Button, Checkbox, Form, FormGroup, HelperText, HelperTextItem, List, ListItem, Modal, ModalBody, ModalFooter, ModalHeader, Spinner, TextInput } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon.js';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon.js';
import { useMemo, useState } from 'react';
import { useApi, useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine } from '../../api/types.ts';
import { vmNameProblems } from '../../catalog/vm-name.ts';
import { useRouter, useT } from '../../context.tsx';
import { cloneBody, cloneName, cloneObjectName, clonePath, clonesPath, cloneStep, stepsOf, type CloneUiStep, type VirtualMachineClone } from '../../vm/clone.ts';
import { waitStep } from '../../vm/wait-step.ts';

type Step = CloneUiStep | 'start';
const CLONE_TIMEOUT = 10 * 60_000;

export function CloneModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const { client, watches } = useApi();
  const { navigate } = useRouter();
  const ns = vm.metadata.namespace ?? 'default';
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const taken = useMemo(() => new Set(vms.items.filter((v) => v.metadata.namespace === ns).map((v) => v.metadata.name)), [vms.items, ns]);
  const [name, setName] = useState(() => cloneName(vm.metadata.name));
  const [start, setStart] = useState(false);
  const [snap, setSnap] = useState('');
  const [steps, setSteps] = useState<Step[]>([]);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const problems = running || done ? [] : vmNameProblems(name, taken);
  const plan: Step[] = start ? ['snapshot', 'restore', 'cleanup', 'start'] : ['snapshot', 'restore', 'cleanup'];
  const current = steps[steps.length - 1];

  const clone = async () => {
    setRunning(true);
    setErrors([]);
    setSteps(['snapshot']);
    const obj = cloneObjectName(name);
    let created = false;
    try {
      await client.create(clonesPath(ns), cloneBody(vm, obj, name));
      created = true;
      // Each change of the clone moves the steps shown; the wait ends at Succeeded or Failed.
      const follow = (c: VirtualMachineClone | undefined) => {
        if (c?.status?.snapshotName) setSnap(c.status.snapshotName);
        if (c?.status?.phase !== 'Failed') setSteps(stepsOf(c));
        return cloneStep(c);
      };
      await waitStep(watches.get<VirtualMachineClone>(clonesPath(ns)), obj, follow, CLONE_TIMEOUT, t('clone.timeout', { name: obj }));
      created = false;
      if (start) {
        setSteps(['snapshot', 'restore', 'cleanup', 'start']);
        await client.put(paths.vmAction(ns, name, 'start'));
      }
      setDone(true);
    } catch (e) {
      const found = [(e as Error).message];
      // A failed clone is the dialog's own scaffolding: it goes (with its snapshot and restore).
      if (created) await client.delete(clonePath(ns, obj)).catch((d: Error) => found.push(d.message));
      setErrors(found);
    } finally {
      setRunning(false);
    }
  };

  const icon = (s: Step) => {
    const i = steps.indexOf(s);
    if (i < 0) return null;
    if (s === current && errors.length > 0) return <ExclamationCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" />;
    if (s === current && !done) return <Spinner size="sm" aria-label={t(`clone.step.${s}`, { name })} />;
    return <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" />;
  };

  return (
    <Modal id="clone-modal" variant="small" isOpen onClose={running ? undefined : onClose} aria-labelledby="clone-modal-title">
      <ModalHeader title={t('clone.title', { name: vm.metadata.name })} labelId="clone-modal-title" />
      <ModalBody>
        <p style={{ marginBottom: 16 }}>{t('clone.intro', { name: vm.metadata.name })}</p>
        <Form id="clone-form" onSubmit={(e) => (e.preventDefault(), problems.length === 0 && !running && !done && void clone())}>
          <FormGroup label={t('clone.name')} isRequired fieldId="clone-name">
            <TextInput id="clone-name" value={name} isDisabled={running || done} validated={problems.length ? 'error' : 'default'} onChange={(_e, v) => setName(v)} />
            {problems.length > 0 && (
              <HelperText id="clone-name-problems">
                {problems.map((p) => (
                  <HelperTextItem key={p.key} variant="error">
                    {t(p.key, p.vars)}
                  </HelperTextItem>
                ))}
              </HelperText>
            )}
          </FormGroup>
          <Checkbox id="clone-start" label={t('clone.start')} isChecked={start} isDisabled={running || done} onChange={(_e, v) => setStart(v)} />
        </Form>
        {steps.length > 0 && (
          <List id="clone-steps" isPlain style={{ marginTop: 16 }}>
            {plan.map((s) => (
              <ListItem key={s} data-step={s} data-state={steps.includes(s) ? (s === current && !done ? (errors.length ? 'failed' : 'running') : 'done') : 'waiting'} icon={icon(s)}>
                {t(`clone.step.${s}`, { name: s === 'snapshot' ? snap || vm.metadata.name : name })}
              </ListItem>
            ))}
          </List>
        )}
        {done && <Alert id="clone-done" variant="success" isInline title={t('clone.done', { name })} style={{ marginTop: 16 }} />}
        {errors.length > 0 && (
          <Alert id="clone-error" variant="danger" isInline title={t('clone.failed')} style={{ marginTop: 16 }}>
            {errors.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        {done ? (
          <Button id="clone-open" variant="primary" onClick={() => (onClose(), navigate({ page: 'vm', namespace: ns, name, tab: 'overview' }))}>
            {t('clone.open', { name })}
          </Button>
        ) : (
          <Button id="clone-submit" variant="primary" type="submit" form="clone-form" isDisabled={problems.length > 0 || running} isLoading={running}>
            {t('clone.submit')}
          </Button>
        )}
        <Button id="clone-close" variant="link" isDisabled={running} onClick={onClose}>
          {t(done ? 'clone.close' : 'snapshot.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
