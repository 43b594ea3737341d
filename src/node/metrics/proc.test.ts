import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuTicks, rssBytes } from './proc.ts';

describe('/proc parsers', () => {
  it('adds utime and stime, even when comm holds spaces and ")"', () => {
    const tail = 'S 1 2 3 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 5 0 1000 123456 789 18446744073709551615';
    assert.equal(cpuTicks(`4242 (qemu-system-x86) ${tail}`), 325);
    assert.equal(cpuTicks(`4242 (a b) c)) ${tail}`), 325);
  });

  it('refuses a line it cannot read', () => {
    assert.throws(() => cpuTicks('garbage'), /no "\)"/);
    assert.throws(() => cpuTicks('1 (x) S 1'), /utime/);
  });

  it('reads VmRSS in bytes', () => {
    assert.equal(rssBytes('Name:\tqemu\nVmPeak:\t 999 kB\nVmRSS:\t  204800 kB\nThreads: 4\n'), 204800 * 1024);
    assert.throws(() => rssBytes('Name:\tkthread\n'), /VmRSS/);
  });
});
