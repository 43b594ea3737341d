// The VM details YAML tab: the VM in an editor that follows the live object until the user edits;
// Save PUTs it pinned to the loaded resourceVersion, so a change made meanwhile is a conflict shown
// with Reload (never a silent overwrite); the API's field causes are marked on their lines.
import { Alert, Button, Flex } from '@patternfly/react-core';
import { useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachine } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { objectToSave, yamlOf } from '../../vm/yaml-edit.ts';
import { fieldErrors, type FieldError } from '../../yaml/causes.ts';
import { parseVmManifest } from '../../yaml/manifest.ts';
import { YamlEditor, type EditorError } from '../YamlEditor.tsx';

type Outcome = { kind: 'saved'; version: string } | { kind: 'conflict' } | { kind: 'failed'; message?: string; fields: FieldError[] };

export function VmYamlTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const { client } = useApi();
  const [loaded, setLoaded] = useState(vm);
  const [text, setText] = useState(() => yamlOf(vm));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const live = vm.metadata.resourceVersion;

  // Untouched, the editor follows the live VM; edited, it keeps the user's text and says the VM changed.
  useEffect(() => {
    if (dirty || live === loaded.metadata.resourceVersion) return;
    setLoaded(vm);
    setText(yamlOf(vm));
  }, [live, dirty, vm, loaded.metadata.resourceVersion]);

  const reload = () => {
    setLoaded(vm);
    setText(yamlOf(vm));
    setDirty(false);
    setOutcome(undefined);
  };

  const save = async () => {
    const parsed = parseVmManifest(text);
    if (!parsed.ok) {
      setOutcome({ kind: 'failed', fields: [{ text: t(parsed.key, parsed.vars), from: parsed.from, to: parsed.to }] });
      return;
    }
    setSaving(true);
    try {
      const body = objectToSave(parsed.object, loaded.metadata.resourceVersion);
      const res = await client.request('PUT', `${paths.vms(vm.metadata.namespace)}/${vm.metadata.name}`, body);
      const stored = (await res.json()) as VirtualMachine;
      setLoaded(stored);
      setText(yamlOf(stored));
      setDirty(false);
      setOutcome({ kind: 'saved', version: stored.metadata.resourceVersion ?? '' });
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 409) setOutcome({ kind: 'conflict' });
      else setOutcome({ kind: 'failed', message: (e as Error).message, fields: fieldErrors(text, e instanceof ApiRequestError ? e.causes : []) });
    } finally {
      setSaving(false);
    }
  };

  const marks = useMemo<EditorError[]>(
    () => (outcome?.kind === 'failed' ? outcome.fields.flatMap((f) => (f.from === undefined ? [] : [{ from: f.from, to: f.to ?? f.from, message: f.text }])) : []),
    [outcome],
  );
  const changedMeanwhile = dirty && live !== loaded.metadata.resourceVersion;
  return (
    <div style={{ marginTop: 16 }}>
      {changedMeanwhile && outcome?.kind !== 'conflict' && <Alert id="vm-yaml-changed" variant="info" isInline isPlain title={t('yamlTab.changedMeanwhile')} style={{ marginBottom: 8 }} />}
      <YamlEditor
        id="vm-yaml"
        label={t('details.yaml')}
        value={text}
        onChange={(v) => {
          setText(v);
          if (v !== yamlOf(loaded)) setDirty(true);
        }}
        errors={marks}
      />
      {outcome?.kind === 'saved' && <Alert id="vm-yaml-saved" variant="success" isInline title={t('yamlTab.saved', { name: vm.metadata.name, version: outcome.version })} style={{ marginTop: 16 }} />}
      {outcome?.kind === 'conflict' && (
        <Alert id="vm-yaml-conflict" variant="danger" isInline title={t('yamlTab.conflict')} style={{ marginTop: 16 }}>
          {t('yamlTab.conflictHint')}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert id="vm-yaml-error" variant="danger" isInline title={t('yamlTab.failed')} style={{ marginTop: 16 }}>
          {outcome.message && !outcome.fields.some((f) => f.field) && <p>{outcome.message}</p>}
          {outcome.fields.map((f, i) => (
            <p key={i} data-field={f.field}>
              {f.text}
            </p>
          ))}
        </Alert>
      )}
      <Flex gap={{ default: 'gapSm' }} style={{ marginTop: 16 }}>
        <Button id="vm-yaml-save" variant="primary" isLoading={saving} isDisabled={saving || !dirty || outcome?.kind === 'conflict'} onClick={() => void save()}>
          {t('yamlTab.save')}
        </Button>
        <Button id="vm-yaml-reload" variant="secondary" onClick={reload}>
          {t('yamlTab.reload')}
        </Button>
      </Flex>
    </div>
  );
}
