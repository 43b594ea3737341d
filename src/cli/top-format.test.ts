import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mebibytes, millicores, topTable } from './top-format.ts';

describe('vireo top vm table', () => {
  it('formats like kubectl top pod', () => {
    assert.equal(millicores(0.2504), '250m');
    assert.equal(mebibytes(240 << 20), '240Mi');
    const rows = [
      { namespace: 'default', name: 'fedora01', cpuCores: 1.5, memoryBytes: 2 * 2 ** 30 },
      { namespace: 'lab', name: 'a', cpuCores: 0.001, memoryBytes: 100 << 20 },
    ];
    assert.equal(topTable(rows, false), 'NAME       CPU(cores)   MEMORY(bytes)\nfedora01   1500m        2048Mi\na          1m           100Mi\n');
    assert.match(topTable(rows, true), /^NAMESPACE {3}NAME {7}CPU\(cores\) {3}MEMORY\(bytes\)\ndefault {5}fedora01 {3}1500m/);
  });
});
