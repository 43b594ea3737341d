// The Advanced step: cloud-init (seed 002's table) as a form — hostname and authorized SSH keys,
// merged into the template's #cloud-config — or as a custom script that replaces the user-data
// whole; and the eviction strategy (what a node drain does with the VM).
import { Form, FormGroup, FormSelect, FormSelectOption, Radio, TextArea, TextInput, Title } from '@patternfly/react-core';
import { useT } from '../../context.tsx';
import { cloudInitUserData } from '../../wizard/cloud-init.ts';
import { EVICTION_STRATEGIES, type CloudInitState } from '../../wizard/state.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { useWizardModel } from './wizard-model.ts';

export function AdvancedStep() {
  const { t } = useT();
  const { state, update, problems, baseUserData, busy } = useWizardModel();
  const ci = state.cloudInit;
  const p = problems.advanced;
  const setCi = (patch: Partial<CloudInitState>) => update((s) => ({ ...s, cloudInit: { ...s.cloudInit, ...patch } }));
  const toCustom = () => {
    // An untouched script starts as what the form would give, so nothing typed there is lost.
    const untouched = ci.script === (baseUserData ?? '');
    setCi({ custom: true, script: untouched ? (cloudInitUserData(baseUserData, { ...ci, custom: false }) ?? '') : ci.script });
  };
  return (
    <Form id="wizard-advanced" onSubmit={(e) => e.preventDefault()} style={{ maxWidth: 640 }}>
      <Title headingLevel="h2" size="lg" id="wizard-cloudinit-title">
        {t('wizard.cloudInit')}
      </Title>
      <FormGroup role="radiogroup" isInline fieldId="wizard-cloudinit-mode" aria-labelledby="wizard-cloudinit-title">
        <Radio id="wizard-cloudinit-form" name="cloudinit-mode" label={t('wizard.cloudInitForm')} isChecked={!ci.custom} isDisabled={busy} onChange={() => setCi({ custom: false })} />
        <Radio id="wizard-cloudinit-custom" name="cloudinit-mode" label={t('wizard.cloudInitCustom')} description={t('wizard.scriptHelp')} isChecked={ci.custom} isDisabled={busy} onChange={toCustom} />
      </FormGroup>
      {ci.custom ? (
        <FormGroup label={t('wizard.cloudInitCustom')} fieldId="wizard-cloudinit-script">
          <TextArea
            id="wizard-cloudinit-script"
            value={ci.script}
            isDisabled={busy}
            rows={12}
            validated={p.script.length > 0 ? 'error' : 'default'}
            style={{ fontFamily: 'Red Hat Mono, DejaVu Sans Mono, monospace' }}
            onChange={(_e, v) => setCi({ script: v })}
          />
          <FieldProblems id="wizard-cloudinit-script-problems" problems={p.script} />
        </FormGroup>
      ) : (
        <>
          <FormGroup label={t('wizard.hostname')} fieldId="wizard-cloudinit-hostname">
            <TextInput id="wizard-cloudinit-hostname" value={ci.hostname} isDisabled={busy} validated={p.hostname.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setCi({ hostname: v })} />
            <FieldProblems id="wizard-cloudinit-hostname-problems" problems={p.hostname} hint={t('wizard.hostnameHelp')} />
          </FormGroup>
          <FormGroup label={t('wizard.sshKeys')} fieldId="wizard-cloudinit-ssh-keys">
            <TextArea id="wizard-cloudinit-ssh-keys" value={ci.sshKeys} isDisabled={busy} rows={4} validated={p.sshKeys.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setCi({ sshKeys: v })} />
            <FieldProblems id="wizard-cloudinit-ssh-keys-problems" problems={p.sshKeys} hint={t('wizard.sshKeysHelp')} />
          </FormGroup>
        </>
      )}
      <FormGroup label={t('wizard.eviction')} fieldId="wizard-eviction">
        <FormSelect id="wizard-eviction" value={state.evictionStrategy} isDisabled={busy} onChange={(_e, v) => update((s) => ({ ...s, evictionStrategy: EVICTION_STRATEGIES.find((x) => x === v) ?? '' }))}>
          {EVICTION_STRATEGIES.map((e) => (
            <FormSelectOption key={e || 'default'} value={e} label={e || t('wizard.eviction.default')} />
          ))}
        </FormSelect>
        <FieldProblems id="wizard-eviction-hint" problems={[]} hint={t('wizard.evictionHelp')} />
      </FormGroup>
    </Form>
  );
}
