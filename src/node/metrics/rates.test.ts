import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rate, sampleOf, type Counters } from './rates.ts';

const base: Counters = {
  atMs: Date.parse('2026-01-01T00:00:00Z'),
  cpuTicks: 1000,
  memoryBytes: 128 << 20,
  rssBytes: 200 << 20,
  disks: [{ name: 'root', readBytes: 1000, writeBytes: 0, readOps: 10, writeOps: 0 }],
  net: { rxBytes: 100, txBytes: 50 },
};

describe('rate', () => {
  it('divides the growth by the seconds', () => {
    assert.equal(rate(10, 30, 4), 5);
  });
  it('gives none for a reset counter or an empty interval', () => {
    assert.equal(rate(30, 10, 4), null);
    assert.equal(rate(10, 30, 0), null);
  });
});

describe('sampleOf', () => {
  it('turns two readings into cores, bytes and per-second rates', () => {
    const cur: Counters = {
      ...base,
      atMs: base.atMs + 10_000,
      cpuTicks: 1500, // 500 ticks of 100 Hz in 10 s = half a core
      rssBytes: 210 << 20,
      disks: [
        { name: 'root', readBytes: 21_000, writeBytes: 40_960, readOps: 30, writeOps: 10 },
        { name: 'hotplugged', readBytes: 5, writeBytes: 5, readOps: 1, writeOps: 1 },
      ],
      net: { rxBytes: 1100, txBytes: 2050 },
    };
    const s = sampleOf(base, cur, 100);
    assert.equal(s.time, '2026-01-01T00:00:10.000Z');
    assert.equal(s.cpuCores, 0.5);
    assert.equal(s.memoryBytes, 128 << 20);
    assert.equal(s.memoryRssBytes, 210 << 20);
    assert.equal(s.diskReadBytesPerSec, 2000);
    assert.equal(s.diskWriteBytesPerSec, 4096);
    assert.equal(s.diskReadOpsPerSec, 2);
    assert.equal(s.diskWriteOpsPerSec, 1);
    assert.equal(s.networkRxBytesPerSec, 100);
    assert.equal(s.networkTxBytesPerSec, 200);
    assert.deepEqual(s.disks, cur.disks);
  });

  it('reports no network rate when a reading had none, and no disk rate after a reset', () => {
    const cur: Counters = { ...base, atMs: base.atMs + 5000, net: undefined, disks: [{ name: 'root', readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0 }] };
    const s = sampleOf(base, cur, 100);
    assert.equal(s.networkRxBytesPerSec, null);
    assert.equal(s.networkTxBytesPerSec, null);
    assert.equal(s.diskReadBytesPerSec, null);
    assert.equal(s.cpuCores, 0);
  });
});
