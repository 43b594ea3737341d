// Cluster mode's store: the embedded control plane on a real etcd (Debian's etcd-server), driven
// by the real kubectl, and still serving — data and open watches included — after etcd is killed
// and started again on its data dir. Without etcd on the machine this fails saying so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { startEtcd, type TestEtcd } from './support/etcd.ts';
import { makeKubectl } from './support/kubectl.ts';
import { startKubectlWatch, type KubectlWatch } from './support/kubectl-watch.ts';

const NS = 'etcd-vms';

const vm = (name: string) => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
spec:
  runStrategy: Halted
  template:
    spec:
      domain:
        devices:
          disks:
          - disk:
              bus: virtio
            name: rootdisk
        resources:
          requests:
            memory: 128Mi
      volumes:
      - containerDisk:
          image: quay.io/containerdisks/fedora:latest
        name: rootdisk
`;

let etcd: TestEtcd | undefined;
let tcp: TestControlPlane | undefined;
const watches: KubectlWatch[] = [];
const dir = mkdtempSync(join(tmpdir(), 'vireo-etcd-kubectl-'));

before(async () => {
  etcd = await startEtcd();
  tcp = await startControlPlane({ store: { kind: 'etcd', endpoints: [etcd.endpoint] } });
});
after(async () => {
  for (const w of watches) await w.stop();
  await tcp?.stop();
  await etcd?.stop();
});

function kubectl() {
  return makeKubectl(tcp!.kubeconfig);
}

function manifest(name: string): string {
  const p = join(dir, `${name}.yaml`);
  writeFileSync(p, vm(name));
  return p;
}

function watch(args: string[]): KubectlWatch {
  const w = startKubectlWatch(tcp!.kubeconfig, args);
  watches.push(w);
  return w;
}

/** Runs kubectl until its output matches (controllers write status a moment later). */
async function eventually(args: string[], re: RegExp, timeoutMs = 20_000): Promise<string> {
  const k = kubectl();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await k(args);
    if (r.code === 0 && re.test(r.stdout)) return r.stdout;
    if (Date.now() > deadline) assert.fail(`kubectl ${args.join(' ')}: wanted ${re}, got (${r.code}) ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

test('objects are stored in etcd under /vireo/, not in a SQLite file', () => {
  const keys = execFileSync('etcdctl', ['--endpoints', etcd!.endpoint, 'get', '--prefix', '/vireo/', '--keys-only'], { encoding: 'utf8' });
  assert.match(keys, /^\/vireo\/.*namespaces.*\/default$/m);
  assert.equal(existsSync(join(tcp!.dataDir, 'store.db')), false);
});

test('kubectl apply, get and watch a VirtualMachine, across an etcd restart', async () => {
  const k = kubectl();
  assert.equal((await k(['create', 'namespace', NS])).code, 0);
  const applied = await k(['apply', '-n', NS, '-f', manifest('vm1')]);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /virtualmachine\.kubevirt\.io\/vm1 created/);
  await eventually(['get', 'vm', 'vm1', '-n', NS], /^vm1\s+\S+\s+Stopped\s+False/m);
  const uid = (await k(['get', 'vm', 'vm1', '-n', NS, '-o', 'jsonpath={.metadata.uid}'])).stdout;
  assert.match(uid, /^[0-9a-f-]{36}$/);

  const before = watch(['get', 'vm', '-n', NS, '--watch', '--output-watch-events']);
  await before.waitFor(/ADDED\s+vm1\b/);

  await etcd!.restart({ kill: true });

  // What was acknowledged before the kill is there, and writes work again.
  assert.equal((await k(['get', 'vm', 'vm1', '-n', NS, '-o', 'jsonpath={.metadata.uid}'])).stdout, uid);
  const again = await k(['apply', '-n', NS, '-f', manifest('vm2')]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /vm2 created/);
  await eventually(['get', 'vm', '-n', NS], /^vm2\s+\S+\s+Stopped\s+False/m);

  // The watch opened before the restart carries on: its store watch reconnected where it was.
  await before.waitFor(/ADDED\s+vm2\b/);
  const labeled = await k(['label', 'vm', 'vm1', '-n', NS, 'tier=gold']);
  assert.equal(labeled.code, 0, labeled.stderr);
  await before.waitFor(/MODIFIED\s+vm1\b/);

  // A watch opened after the restart lists both, then sees a delete.
  const afterRestart = watch(['get', 'vm', '-n', NS, '--watch', '--output-watch-events']);
  await afterRestart.waitFor(/ADDED\s+vm1\b[\s\S]*ADDED\s+vm2\b|ADDED\s+vm2\b[\s\S]*ADDED\s+vm1\b/);
  const deleted = await k(['delete', 'vm', 'vm2', '-n', NS, '--wait=false']);
  assert.equal(deleted.code, 0, deleted.stderr);
  await afterRestart.waitFor(/DELETED\s+vm2\b/);
  await before.waitFor(/DELETED\s+vm2\b/);
  assert.match(await eventually(['get', 'vm', '-n', NS, '-l', 'tier=gold'], /^vm1\s/m), /^vm1\s/m);
});
