// The VM Overview's Utilization card: CPU, memory, storage and network of the last five minutes as
// sparklines with their current values, from the VMI's metrics (polled while the card is shown).
import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { CARD_SECONDS, current, formatBytes, formatCores, formatRate, series, summedSeries } from '../../vm/metrics.ts';
import { Sparkline } from './Sparkline.tsx';
import { useVmMetrics } from './use-vm-metrics.ts';

function Row({ id, label, value, children }: { id: string; label: string; value: string; children?: ReactNode }) {
  return (
    <div id={id} style={{ marginBottom: 12 }}>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
        <FlexItem>
          <strong>{label}</strong>
        </FlexItem>
        <FlexItem className="vireo-metric-value">{value}</FlexItem>
      </Flex>
      {children}
    </div>
  );
}

export function UtilizationCard({ namespace, vmi, onViewMore }: { namespace: string; vmi?: VirtualMachineInstance; onViewMore: () => void }) {
  const { t } = useT();
  const running = vmi?.status?.phase === 'Running';
  const { data, error } = useVmMetrics(namespace, vmi?.metadata.name, running, CARD_SECONDS);
  const samples = data?.samples ?? [];
  const now = current(samples);
  const dash = '—';
  return (
    <Card id="card-utilization">
      <CardTitle>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <FlexItem>{t('metrics.utilization')}</FlexItem>
          <FlexItem>
            <Button variant="link" isInline onClick={onViewMore}>
              {t('metrics.viewMore')}
            </Button>
          </FlexItem>
        </Flex>
      </CardTitle>
      <CardBody>
        {error && (
          <Alert id="utilization-error" variant="danger" isInline isPlain title={t('metrics.failed')} style={{ marginBottom: 8 }}>
            {error}
          </Alert>
        )}
        {!running ? (
          <p>{t('metrics.notRunning')}</p>
        ) : samples.length === 0 && !error ? (
          <p>{t('metrics.waiting')}</p>
        ) : (
          <>
            <Row id="utilization-cpu" label={t('metrics.cpu')} value={now.cpuCores === undefined ? dash : t('metrics.cores', { value: formatCores(now.cpuCores) })}>
              <Sparkline id="sparkline-cpu" title={t('metrics.cpu')} points={series(samples, 'cpuCores')} format={formatCores} />
            </Row>
            <Row
              id="utilization-memory"
              label={t('metrics.memory')}
              value={now.memoryRssBytes === undefined ? dash : t('metrics.memoryOf', { used: formatBytes(now.memoryRssBytes), total: formatBytes(now.memoryBytes ?? 0) })}
            >
              <Sparkline id="sparkline-memory" title={t('metrics.memory')} points={series(samples, 'memoryRssBytes')} format={formatBytes} />
            </Row>
            <Row id="utilization-storage" label={t('metrics.storage')} value={now.diskBytesPerSec === undefined ? dash : formatRate(now.diskBytesPerSec)}>
              <Sparkline id="sparkline-storage" title={t('metrics.storage')} points={summedSeries(samples, 'diskReadBytesPerSec', 'diskWriteBytesPerSec')} format={formatRate} />
            </Row>
            <Row id="utilization-network" label={t('metrics.network')} value={now.networkBytesPerSec === undefined ? t('metrics.notMeasured') : formatRate(now.networkBytesPerSec)}>
              {now.networkBytesPerSec !== undefined && (
                <Sparkline id="sparkline-network" title={t('metrics.network')} points={summedSeries(samples, 'networkRxBytesPerSec', 'networkTxBytesPerSec')} format={formatRate} />
              )}
            </Row>
          </>
        )}
      </CardBody>
    </Card>
  );
}
