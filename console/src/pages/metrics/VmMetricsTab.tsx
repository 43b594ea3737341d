// The VM details Metrics tab: CPU, memory, storage and network over the last 5 minutes or hour,
// from the VMI's metrics subresource (polled every 10 s while the tab is open).
import { Alert, Flex, FlexItem, Gallery, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { RANGES, current, formatBytes, formatCores, formatRate, rangeSeconds, series, type RangeId } from '../../vm/metrics.ts';
import { MetricsChart } from './MetricsChart.tsx';
import { useVmMetrics } from './use-vm-metrics.ts';

export function VmMetricsTab({ namespace, vmi }: { namespace: string; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const [range, setRange] = useState<RangeId>('5m');
  const running = vmi?.status?.phase === 'Running';
  const seconds = rangeSeconds(range);
  const { data, error } = useVmMetrics(namespace, vmi?.metadata.name, running, seconds);
  const samples = data?.samples ?? [];
  const now = current(samples);
  return (
    <section id="vm-metrics" style={{ marginTop: 16 }}>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
        <FlexItem id="metrics-current-cpu">
          {t('metrics.cpu')}: <span className="vireo-metric-value">{now.cpuCores === undefined ? '—' : t('metrics.cores', { value: formatCores(now.cpuCores) })}</span>
        </FlexItem>
        <FlexItem>
          <ToggleGroup aria-label={t('metrics.range')} id="metrics-range">
            {RANGES.map((r) => (
              <ToggleGroupItem key={r.id} buttonId={`metrics-range-${r.id}`} text={t(r.id === '5m' ? 'metrics.range.5m' : 'metrics.range.1h')} isSelected={range === r.id} onChange={() => setRange(r.id)} />
            ))}
          </ToggleGroup>
        </FlexItem>
      </Flex>
      {error && (
        <Alert id="metrics-error" variant="danger" isInline title={t('metrics.failed')} style={{ marginBottom: 16 }}>
          {error}
        </Alert>
      )}
      {!running ? (
        <p>{t('metrics.notRunning')}</p>
      ) : samples.length === 0 && !error ? (
        <p id="metrics-waiting">{t('metrics.waiting')}</p>
      ) : (
        <Gallery hasGutter minWidths={{ default: '480px' }}>
          <MetricsChart id="chart-cpu" title={t('metrics.cpuChart')} rangeSeconds={seconds} format={formatCores} series={[{ name: t('metrics.cpu'), points: series(samples, 'cpuCores') }]} />
          <MetricsChart id="chart-memory" title={t('metrics.memoryChart')} rangeSeconds={seconds} format={formatBytes} series={[{ name: t('metrics.memory'), points: series(samples, 'memoryRssBytes') }]} />
          <MetricsChart
            id="chart-storage"
            title={t('metrics.storageChart')}
            rangeSeconds={seconds}
            format={formatRate}
            series={[
              { name: t('metrics.read'), points: series(samples, 'diskReadBytesPerSec') },
              { name: t('metrics.write'), points: series(samples, 'diskWriteBytesPerSec') },
            ]}
          />
          {data?.networkSource === 'none' ? (
            <Alert id="chart-network" variant="info" isInline title={`${t('metrics.networkChart')}: ${t('metrics.notMeasured')}`}>
              {t('metrics.noNetworkHelp')}
            </Alert>
          ) : (
            <MetricsChart
              id="chart-network"
              title={t('metrics.networkChart')}
              rangeSeconds={seconds}
              format={formatRate}
              series={[
                { name: t('metrics.rx'), points: series(samples, 'networkRxBytesPerSec') },
                { name: t('metrics.tx'), points: series(samples, 'networkTxBytesPerSec') },
              ]}
            />
          )}
        </Gallery>
      )}
    </section>
  );
}
