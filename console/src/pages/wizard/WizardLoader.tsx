// Starts the wizard: the template (pinned as first found, so live updates do not restart it) is
// processed once under a random name like Quick create's, and the wizard opens filled from that VM.
// A failure is shown with the API's message and a retry.
import { Alert, Button, Flex, Spinner } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import type { Template } from '../../api/types.ts';
import { bootSourceRef } from '../../catalog/boot-source.ts';
import { templateOs } from '../../catalog/template-meta.ts';
import { randomVmName, vmNameProblems } from '../../catalog/vm-name.ts';
import { useT } from '../../context.tsx';
import { processTemplate, type Processed } from '../../wizard/create.ts';
import { CustomizeWizard } from './CustomizeWizard.tsx';

/** `vmName`: the name typed in Quick create; a valid one names the processed VM, any one fills the name field. */
export function WizardLoader({ template: found, namespace, vmName }: { template: Template; namespace: string; vmName?: string }) {
  const { t } = useT();
  const { client } = useApi();
  const [template] = useState(found);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ processed?: Processed; error?: string }>();

  useEffect(() => {
    let stale = false;
    // Named after the boot source, as Quick create does (vireo-tiny-…, fedora-…).
    const name = vmName && vmNameProblems(vmName).length === 0 ? vmName : randomVmName(bootSourceRef(template)?.name ?? (templateOs(template) || template.metadata.name));
    setResult(undefined);
    processTemplate(client, template, { NAME: name }, namespace).then(
      (processed) => !stale && setResult({ processed }),
      (e: unknown) => !stale && setResult({ error: (e as Error).message }),
    );
    return () => {
      stale = true;
    };
  }, [client, template, namespace, attempt, vmName]);

  if (result?.processed) return <CustomizeWizard template={template} namespace={namespace} initial={result.processed} name={vmName} />;
  if (result?.error) {
    return (
      <Alert
        variant="danger"
        isInline
        id="wizard-process-error"
        title={t('wizard.processFailed')}
        actionLinks={
          <Button variant="link" isInline onClick={() => setAttempt((a) => a + 1)}>
            {t('wizard.retry')}
          </Button>
        }
      >
        {result.error}
      </Alert>
    );
  }
  return (
    <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
      <Spinner size="md" /> {t('wizard.processing')}
    </Flex>
  );
}
