// The Quick create form of seed 000's lab: a VM name (random like OpenShift's, the name rule checked
// as it is typed), the project, "Start this VirtualMachine after creation" (checked), and Quick
// create — disabled, saying why, while the boot source is not available. Quick create processes the
// template through the API, creates the VM and opens its details; an API error is shown here.
// Customize VirtualMachine opens the wizard for the template, with the name if the user changed it.
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
  Tooltip,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useApi, useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { Template, VirtualMachine } from '../../api/types.ts';
import { waitForCached } from '../../api/wait-cached.ts';
import { bootSourceRef, canQuickCreate, unavailableReason, type BootSource } from '../../catalog/boot-source.ts';
import { quickCreate } from '../../catalog/quick-create.ts';
import { templateOs } from '../../catalog/template-meta.ts';
import { randomVmName, vmNameProblems } from '../../catalog/vm-name.ts';
import { useRouter, useT } from '../../context.tsx';

interface Props {
  template: Template;
  source: BootSource;
  namespace: string;
  onCancel: () => void;
}

/** How long to wait for the new VM to reach the live list (with a status) before opening it regardless. */
const OPEN_WAIT_MS = 5_000;

export function QuickCreateForm({ template, source, namespace, onCancel }: Props) {
  const { t } = useT();
  const { client, watches } = useApi();
  const { navigate } = useRouter();
  // Named after the boot source, as OpenShift does (fedora-…, rhel9-…, vireo-tiny-…).
  const [suggested] = useState(() => randomVmName(bootSourceRef(template)?.name ?? (templateOs(template) || template.metadata.name)));
  const [name, setName] = useState(suggested);
  const [start, setStart] = useState(true);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();
  const vms = useWatchList<VirtualMachine>(paths.vms());
  const taken = useMemo(() => new Set(vms.items.filter((v) => v.metadata.namespace === namespace).map((v) => v.metadata.name)), [vms.items, namespace]);

  // Not while creating: the new VM reaching the live list would flag its own name as taken.
  const problems = creating ? [] : vmNameProblems(name, taken);
  const sourceReason = unavailableReason(source);
  const blocked = !canQuickCreate(source) ? (sourceReason ? t(sourceReason.key, sourceReason.vars) : t('quick.sourceNotAvailable')) : problems.length > 0 ? t('quick.fixName') : undefined;

  const submit = async () => {
    if (blocked || creating) return;
    setCreating(true);
    setError(undefined);
    try {
      const vm = await quickCreate(client, { template, name, namespace, start });
      const ns = vm.metadata.namespace ?? namespace;
      // Opened once the controller has given it a status, so the page starts at Provisioning rather
      // than at the "Stopped" a status-less VM shows.
      const seen = (v: VirtualMachine) => v.metadata.namespace === ns && v.metadata.name === vm.metadata.name && Boolean(v.status?.printableStatus);
      await waitForCached(watches.get<VirtualMachine>(paths.vms()), seen, OPEN_WAIT_MS);
      navigate({ page: 'vm', namespace: ns, name: vm.metadata.name, tab: 'overview' });
    } catch (e) {
      setError((e as Error).message);
      setCreating(false);
    }
  };

  const createButton = (
    <Button id="quick-create-submit" type="submit" isAriaDisabled={Boolean(blocked)} isDisabled={creating} isLoading={creating}>
      {t('quick.create')}
    </Button>
  );
  return (
    <Form id="quick-create-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <FormGroup label={t('quick.vmName')} isRequired fieldId="quick-create-name">
        <TextInput
          id="quick-create-name"
          isRequired
          value={name}
          validated={problems.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => setName(v)}
          isDisabled={creating}
        />
        {problems.length > 0 && (
          <FormHelperText>
            <HelperText id="quick-create-name-problems">
              {problems.map((p) => (
                <HelperTextItem key={p.key} variant="error">
                  {t(p.key, p.vars)}
                </HelperTextItem>
              ))}
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
      <FormGroup label={t('catalog.project')} fieldId="quick-create-project">
        <span id="quick-create-project">{namespace}</span>
      </FormGroup>
      <Checkbox id="quick-create-start" label={t('quick.start')} isChecked={start} onChange={(_e, v) => setStart(v)} isDisabled={creating} />
      {!canQuickCreate(source) && (
        <Alert variant="info" isInline isPlain id="quick-create-blocked" title={t('quick.sourceNotAvailable')}>
          {blocked}
        </Alert>
      )}
      {error && (
        <Alert variant="danger" isInline id="quick-create-error" title={t('quick.error')}>
          {error}
        </Alert>
      )}
      <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
        {/* aria-disabled rather than disabled, so the tooltip with the reason still shows on hover and focus. */}
        {blocked ? <Tooltip content={blocked}>{createButton}</Tooltip> : createButton}
        <Button
          id="quick-create-customize"
          variant="secondary"
          isDisabled={creating}
          onClick={() => navigate({ page: 'customize', namespace, templateNamespace: template.metadata.namespace ?? '', template: template.metadata.name, ...(name !== suggested ? { vmName: name } : {}) })}
        >
          {t('quick.customize')}
        </Button>
        <Button id="quick-create-cancel" variant="link" onClick={onCancel}>
          {t('create.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
