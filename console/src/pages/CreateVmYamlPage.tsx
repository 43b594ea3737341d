// Create VirtualMachine → With YAML (seed 002, 7.1.1.6): a valid example VM preloaded in an editor;
// Create POSTs it and opens the new VM, or shows the API's causes listed and on their fields; Download
// saves the text as it is. Leaving the page drops the edits, as in OpenShift's console.
import { Alert, Button, Flex, FlexItem, List, ListItem, Title } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { useApi } from '../api/hooks.ts';
import { paths } from '../api/resources.ts';
import { useRouter, useT } from '../context.tsx';
import { exampleName, exampleVmYaml } from '../vm/example-vm.ts';
import { fieldErrors, type FieldError } from '../yaml/causes.ts';
import { parseVmManifest } from '../yaml/manifest.ts';
import { YamlEditor, type EditorError } from './YamlEditor.tsx';

interface Failure {
  title: string;
  message?: string;
  fields: FieldError[];
}

export function CreateVmYamlPage({ namespace }: { namespace: string }) {
  const { t } = useT();
  const { client } = useApi();
  const { navigate } = useRouter();
  // One random name per visit (the page is keyed by namespace).
  const [example] = useState(() => exampleVmYaml(namespace, exampleName()));
  const [text, setText] = useState(example);
  const [failure, setFailure] = useState<Failure>();
  const [creating, setCreating] = useState(false);

  const create = async () => {
    const parsed = parseVmManifest(text);
    if (!parsed.ok) {
      setFailure({ title: t(parsed.key, parsed.vars), fields: [{ text: t(parsed.key, parsed.vars), from: parsed.from, to: parsed.to }] });
      return;
    }
    const ns = parsed.object.metadata.namespace || namespace;
    setCreating(true);
    setFailure(undefined);
    try {
      const vm = await client.create(paths.vms(encodeURIComponent(ns)), parsed.object);
      navigate({ page: 'vm', namespace: vm.metadata.namespace ?? ns, name: vm.metadata.name, tab: 'overview' });
    } catch (e) {
      const err = e as Error;
      const causes = e instanceof ApiRequestError ? e.causes : [];
      setFailure({ title: t('create.failed'), message: err.message, fields: fieldErrors(text, causes) });
    } finally {
      setCreating(false);
    }
  };

  const download = () => {
    const parsed = parseVmManifest(text);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    a.download = `${parsed.ok ? parsed.object.metadata.name || 'virtualmachine' : 'virtualmachine'}.yaml`;
    a.click();
    // Revoked after the click's task: the download has its own reference by then.
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  };

  // Made once per failure: the editor then moves the marks along with the user's edits itself.
  const marks = useMemo<EditorError[]>(() => (failure?.fields ?? []).flatMap((f) => (f.from === undefined ? [] : [{ from: f.from, to: f.to ?? f.from, message: f.text }])), [failure]);
  return (
    <>
      <Title headingLevel="h1" style={{ marginBottom: 8 }}>
        {t('create.yamlTitle')}
      </Title>
      <p style={{ marginBottom: 16 }}>{t('create.yamlHint')}</p>
      <YamlEditor id="create-yaml" label={t('create.editor')} value={text} onChange={setText} errors={marks} />
      {failure && (
        <Alert variant="danger" isInline id="create-error" title={failure.title} style={{ marginTop: 16 }}>
          {/* The causes say it field by field; the summary message only when there are none. */}
          {failure.message && !failure.fields.some((f) => f.field) && <p>{failure.message}</p>}
          {failure.fields.some((f) => f.field) && (
            <List>
              {failure.fields.map((f, i) => (
                <ListItem key={i} data-field={f.field}>
                  {f.text}
                </ListItem>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Flex gap={{ default: 'gapSm' }} style={{ marginTop: 16 }}>
        <Button id="create-submit" variant="primary" isLoading={creating} isDisabled={creating} onClick={() => void create()}>
          {t('create.create')}
        </Button>
        <Button id="create-reload" variant="secondary" onClick={() => (setText(example), setFailure(undefined))}>
          {t('create.reload')}
        </Button>
        <Button id="create-cancel" variant="link" onClick={() => navigate({ page: 'vms', namespace })}>
          {t('create.cancel')}
        </Button>
        <FlexItem align={{ default: 'alignRight' }}>
          <Button id="create-download" variant="link" onClick={download}>
            {t('create.download')}
          </Button>
        </FlexItem>
      </Flex>
    </>
  );
}
