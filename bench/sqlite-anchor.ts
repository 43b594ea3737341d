// The anchor for store benchmarks: what raw better-sqlite3 does with one transaction per ~1 KiB
// JSON insert under the same pragmas as SqliteStore. Report the store (or the API server's create
// path) as a ratio of this, so figures compare across machines and disks.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { applyPragmas, type Synchronous } from '../src/store/sqlite/schema.ts';

/** A VirtualMachine-shaped JSON object of about 1 KiB; `i` makes each distinct. */
export function sampleObject(i: number): string {
  const obj = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: `vm-${i}`, namespace: 'bench', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, labels: { app: 'bench', index: String(i) } },
    spec: {
      runStrategy: 'Always',
      template: {
        metadata: { labels: { 'kubevirt.io/vm': `vm-${i}` } },
        spec: {
          domain: { cpu: { cores: 2 }, memory: { guest: '2Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] } },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config\npassword: fedora\nchpasswd: { expire: False }\n' } }],
        },
      },
    },
  };
  const json = JSON.stringify(obj);
  return json.length >= 1024 ? json : JSON.stringify({ ...obj, pad: 'x'.repeat(1024 - json.length - 9) });
}

export function sampleKey(i: number): string {
  return `/registry/kubevirt.io/virtualmachines/bench/vm-${i}`;
}

export const WARMUP = 500;

export async function rawSqliteInsertRate(dir: string, n: number, synchronous: Synchronous): Promise<{ opsPerSec: number }> {
  const db = new Database(join(dir, `anchor-${synchronous}-${process.pid}-${Date.now()}.db`));
  try {
    applyPragmas(db, synchronous);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, value TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (key, value) VALUES (?, ?)');
    const tx = db.transaction((key: string, value: string) => insert.run(key, value));
    const rows = Array.from({ length: n }, (_, i) => [sampleKey(i), sampleObject(i)] as const);
    // Untimed warm-up: the first few hundred commits on a fresh process and file run ~3x slower.
    for (let i = 0; i < WARMUP; i++) tx(`/warmup/${i}`, sampleObject(i));
    const start = performance.now();
    for (const [key, value] of rows) tx(key, value);
    const seconds = (performance.now() - start) / 1000;
    return { opsPerSec: n / seconds };
  } finally {
    db.close();
  }
}
