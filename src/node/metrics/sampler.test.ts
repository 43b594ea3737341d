import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunningGuest } from '../guest.ts';
import type { Counters } from './rates.ts';
import type { Reading } from './read-counters.ts';
import { MetricsSampler } from './sampler.ts';

// The sampler reads only these fields of a guest; a real RunningGuest needs a live QEMU.
const guest = (key: string, uid: string) => ({ key, uid, stopRequested: false }) as unknown as RunningGuest;

function reader(script: (Counters | Error)[]): (g: RunningGuest) => Promise<Reading> {
  return () => {
    const next = script.shift();
    if (!next) throw new Error('no more readings scripted');
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve({ counters: next, networkSource: 'none' });
  };
}

const at = (s: number, cpuTicks: number): Counters => ({ atMs: Date.now() - 60_000 + s * 1000, cpuTicks, memoryBytes: 1, rssBytes: 2, disks: [], net: undefined });

describe('MetricsSampler', () => {
  it('turns readings into samples, keeps a failure as the error, and starts afresh for a new guest', async () => {
    let guests = [guest('ns/a', 'u1')];
    const sampler = new MetricsSampler({
      nodeName: 'n',
      guests: () => guests,
      vmiFor: () => undefined,
      intervalMs: 1000,
      read: reader([at(0, 0), at(10, 500), new Error('QMP went away'), at(20, 600), at(30, 0)]),
    });
    await sampler.tick();
    assert.deepEqual(sampler.read('ns', 'a').samples, [], 'one reading is no rate yet');
    await sampler.tick();
    const one = sampler.read('ns', 'a');
    assert.equal(one.samples.length, 1);
    assert.equal(one.intervalSeconds, 1);
    await sampler.tick();
    assert.match(sampler.read('ns', 'a').error ?? '', /reading the metrics of ns\/a failed: QMP went away/);
    await sampler.tick();
    assert.equal(sampler.read('ns', 'a').error, undefined);
    assert.equal(sampler.read('ns', 'a').samples.length, 2);
    assert.equal(sampler.read('ns', 'a', 45).samples.length, 1, 'since keeps the recent ones');

    guests = [guest('ns/a', 'u2')]; // recreated under the same name
    await sampler.tick();
    assert.deepEqual(sampler.read('ns', 'a').samples, []);
    guests = [];
    await sampler.tick();
    assert.deepEqual(sampler.read('ns', 'a').samples, [], 'a guest gone takes its series');
  });

  it('leaves a guest that is migrating out alone (its memory may already belong to the target)', async () => {
    const moving = { ...guest('ns/m', 'u3'), migratingOut: true } as unknown as RunningGuest;
    let reads = 0;
    const sampler = new MetricsSampler({
      nodeName: 'n',
      guests: () => [moving],
      vmiFor: () => undefined,
      intervalMs: 1000,
      read: () => {
        reads++;
        return Promise.resolve({ counters: at(0, 0), networkSource: 'none' });
      },
    });
    await sampler.tick();
    assert.equal(reads, 0);
  });
});
