import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { current, formatBytes, formatCores, formatRate, metricsPath, rangeSeconds, series, summedSeries, type MetricsSample } from './metrics.ts';

const sample = (time: string, over: Partial<MetricsSample> = {}): MetricsSample => ({
  time,
  cpuCores: 0.5,
  memoryBytes: 128 << 20,
  memoryRssBytes: 100 << 20,
  diskReadBytesPerSec: 1000,
  diskWriteBytesPerSec: 24,
  networkRxBytesPerSec: null,
  networkTxBytesPerSec: null,
  ...over,
});

describe('VM metrics', () => {
  it('asks the VMI metrics subresource for the range', () => {
    assert.equal(metricsPath('my ns', 'vm1', 300), '/apis/subresources.kubevirt.io/v1/namespaces/my%20ns/virtualmachineinstances/vm1/metrics?since=300');
    assert.equal(rangeSeconds('1h'), 3600);
    assert.equal(rangeSeconds('5m'), 300);
  });

  it('makes a series of a field, leaving out samples without it', () => {
    const s = [sample('2026-01-01T00:00:00Z'), sample('2026-01-01T00:00:10Z', { diskReadBytesPerSec: null, cpuCores: 1.25 })];
    assert.deepEqual(series(s, 'cpuCores'), [
      { x: new Date('2026-01-01T00:00:00Z'), y: 0.5 },
      { x: new Date('2026-01-01T00:00:10Z'), y: 1.25 },
    ]);
    assert.equal(series(s, 'diskReadBytesPerSec').length, 1);
    assert.deepEqual(series(s, 'networkRxBytesPerSec'), []);
  });

  it('adds two fields up, point by point', () => {
    const s = [sample('2026-01-01T00:00:00Z'), sample('2026-01-01T00:00:10Z', { diskReadBytesPerSec: null }), sample('2026-01-01T00:00:20Z', { diskReadBytesPerSec: null, diskWriteBytesPerSec: null })];
    assert.deepEqual(summedSeries(s, 'diskReadBytesPerSec', 'diskWriteBytesPerSec'), [
      { x: new Date('2026-01-01T00:00:00Z'), y: 1024 },
      { x: new Date('2026-01-01T00:00:10Z'), y: 24 },
    ]);
  });

  it('takes the current values from the newest sample', () => {
    assert.deepEqual(current([]), {});
    const c = current([sample('2026-01-01T00:00:00Z', { cpuCores: 9 }), sample('2026-01-01T00:00:10Z', { networkTxBytesPerSec: 5 })]);
    assert.equal(c.cpuCores, 0.5);
    assert.equal(c.diskBytesPerSec, 1024);
    assert.equal(c.networkBytesPerSec, 5);
    assert.equal(c.memoryRssBytes, 100 << 20);
    assert.equal(current([sample('2026-01-01T00:00:00Z')]).networkBytesPerSec, undefined, 'no network source: no value');
  });

  it('formats bytes, rates and cores', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(128 << 20), '128 MiB');
    assert.equal(formatBytes(1234567890), '1.15 GiB');
    assert.equal(formatRate(2048), '2 KiB/s');
    assert.equal(formatCores(0.254), '0.25');
    assert.equal(formatCores(0.004), '0.004');
    assert.equal(formatCores(0), '0.00');
  });
});
