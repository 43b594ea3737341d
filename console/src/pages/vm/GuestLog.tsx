// The guest system log: the last lines of the guest's serial console, read through the VMI's
// consolelog subresource (Vireo's, served while the VMI runs) when the tab opens, when the guest
// changes, and on Refresh. No polling; a failed read shows the API's message.
import { Alert, Button, CodeBlock, CodeBlockCode, Flex, Title } from '@patternfly/react-core';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { CONSOLE_TAIL_LINES, plainConsoleText } from '../../vm/diagnostics.ts';

export function GuestLog({ namespace, vmi }: { namespace: string; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const { client } = useApi();
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const running = vmi?.status?.phase === 'Running';
  const name = vmi?.metadata.name;
  const uid = vmi?.metadata.uid;
  const load = useCallback(async () => {
    if (!name) return;
    setLoading(true);
    try {
      const res = await client.request('GET', `${paths.vmiAction(namespace, name, 'consolelog')}?tailLines=${CONSOLE_TAIL_LINES}`);
      setText(plainConsoleText(await res.text()));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [client, namespace, name]);
  useEffect(() => {
    if (running) void load();
    // Once per running guest (its uid), not on every status change of the VMI.
  }, [running, uid, load]);
  return (
    <section id="vm-guest-log" style={{ marginTop: 24 }}>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 8 }}>
        <Title headingLevel="h2" size="lg">
          {t('diag.log')}
        </Title>
        <Button id="guest-log-refresh" variant="secondary" size="sm" isDisabled={!running || loading} isLoading={loading} onClick={() => void load()}>
          {t('diag.logRefresh')}
        </Button>
      </Flex>
      {error && (
        <Alert id="guest-log-error" variant="danger" isInline title={t('diag.logFailed')} style={{ marginBottom: 8 }}>
          {error}
        </Alert>
      )}
      {!running ? (
        <p>{t('diag.logNotRunning')}</p>
      ) : text === '' ? (
        <p>{t('diag.logEmpty')}</p>
      ) : (
        text !== undefined && (
          <CodeBlock>
            <CodeBlockCode id="guest-log-text" style={{ maxHeight: 420, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
              {text}
            </CodeBlockCode>
          </CodeBlock>
        )
      )}
    </section>
  );
}
