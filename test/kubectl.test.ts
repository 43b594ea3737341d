// The real kubectl (the installed one, 1.27 and 1.33) against a started Vireo control plane:
// what a user types and what they see.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { kubectlBinary, makeKubectl } from './support/kubectl.ts';
import { R } from '../src/client/resources.ts';

const VM = (name: string, extra = '') => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  runStrategy: Halted
  template:
    metadata:
      labels:
        kubevirt.io/domain: ${name}
    spec:
      domain:
        cpu:
          cores: 1
          sockets: 2
          threads: 1
        devices:
          disks:
          - disk:
              bus: virtio
            name: rootdisk
          interfaces:
          - masquerade: {}
            name: default
          rng: {}
        resources:
          requests:
            memory: 1Gi
${extra}      networks:
      - name: default
        pod: {}
      volumes:
      - containerDisk:
          image: quay.io/containerdisks/fedora:latest
        name: rootdisk
`;

let tcp: TestControlPlane;
before(async () => {
  tcp = await startControlPlane();
});
after(async () => {
  await tcp.stop();
});

for (const version of [undefined, '1.27', '1.33']) {
  const label = version ? `kubectl ${version}` : 'kubectl (installed)';
  const binary = kubectlBinary(version);
  describe(label, { skip: binary ? false : `${label} not found` }, () => {
    const ns = `kc-${(version ?? 'default').replace('.', '-')}`;
    let k: ReturnType<typeof makeKubectl>;
    const dir = mkdtempSync(join(tmpdir(), 'vireo-kubectl-'));
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };

    before(async () => {
      k = makeKubectl(tcp.kubeconfig, binary);
      const r = await k(['create', 'namespace', ns]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`namespace/${ns} created`));
    });

    test('apply creates a VirtualMachine and get prints KubeVirt columns', async () => {
      const r = await k(['apply', '-n', ns, '-f', file('vm.yaml', VM('fedora01'))]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /virtualmachine\.kubevirt\.io\/fedora01 created/);
      const g = await k(['get', 'vm', '-n', ns]);
      assert.equal(g.code, 0, g.stderr);
      const [header, row] = g.stdout.trim().split('\n');
      assert.deepEqual(header.split(/\s+/), ['NAME', 'AGE', 'STATUS', 'READY']);
      assert.match(row, /^fedora01\s+\d+s/);
      const again = await k(['apply', '-n', ns, '-f', file('vm.yaml', VM('fedora01'))]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /fedora01 unchanged/);
    });

    test('get -A lists across namespaces with a NAMESPACE column; -o yaml shows metadata', async () => {
      const g = await k(['get', 'vms', '-A']);
      assert.equal(g.code, 0, g.stderr);
      assert.match(g.stdout.split('\n')[0], /^NAMESPACE\s+NAME\s+AGE\s+STATUS\s+READY/);
      assert.match(g.stdout, new RegExp(`${ns}\\s+fedora01`));
      const y = await k(['get', 'vm', 'fedora01', '-n', ns, '-o', 'yaml']);
      assert.equal(y.code, 0, y.stderr);
      assert.match(y.stdout, /uid: [0-9a-f-]{36}/);
      assert.match(y.stdout, /generation: 1/);
      assert.match(y.stdout, /runStrategy: Halted/);
    });

    test('an invalid VM is refused naming each bad field, and nothing is stored', async () => {
      const bad = VM('bad-vm').replace('runStrategy: Halted', 'runStrategy: Halted\n  running: true').replace(
        '            memory: 1Gi',
        '            memory: 1Gi\n          limits:\n            memory: 1050Mi',
      );
      const r = await k(['apply', '-n', ns, '-f', file('bad.yaml', bad)]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /spec\.template\.spec\.domain\.resources\.limits\.memory/);
      assert.match(r.stderr, /spec\.running/);
      const g = await k(['get', 'vm', 'bad-vm', '-n', ns]);
      assert.notEqual(g.code, 0);
      assert.match(g.stderr, /not found/);
    });

    test('unknown fields are refused by strict validation', async () => {
      const r = await k(['apply', '-n', ns, '-f', file('unknown.yaml', VM('typo-vm').replace('runStrategy: Halted', 'runStrategy: Halted\n  runStrateg: Always'))]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /unknown field "spec\.runStrateg"/);
    });

    test('explain describes KubeVirt fields', async () => {
      const r = await k(['explain', 'vm.spec.runStrategy']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /KIND:\s+VirtualMachine/);
      assert.match(r.stdout, /runStrategy/);
    });

    test('edit changes the spec and bumps generation', async () => {
      const editor = file('editor.sh', `#!/bin/sh\nsed -i 's/runStrategy: Halted/runStrategy: Manual/' "$1"\n`);
      chmodSync(editor, 0o755);
      const r = await k(['edit', 'vm', 'fedora01', '-n', ns], { env: { KUBE_EDITOR: editor, EDITOR: editor } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /fedora01 edited/);
      const g = await k(['get', 'vm', 'fedora01', '-n', ns, '-o', 'jsonpath={.spec.runStrategy} {.metadata.generation}']);
      assert.equal(g.stdout, 'Manual 2');
    });

    test('patch, label selectors and server-side apply', async () => {
      const p = await k(['patch', 'vm', 'fedora01', '-n', ns, '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"gold"}}}']);
      assert.equal(p.code, 0, p.stderr);
      const l = await k(['get', 'vm', '-n', ns, '-l', 'tier=gold', '-o', 'name']);
      assert.equal(l.stdout.trim(), 'virtualmachine.kubevirt.io/fedora01');
      const none = await k(['get', 'vm', '-n', ns, '-l', 'tier notin (gold)', '-o', 'name']);
      assert.equal(none.stdout.trim(), '');
      const ssa = await k(['apply', '--server-side', '-n', ns, '-f', file('ssa.yaml', VM('ssa-vm'))]);
      assert.equal(ssa.code, 0, ssa.stderr);
      assert.match(ssa.stdout, /ssa-vm serverside-applied/);
      const jp = await k(['patch', 'vm', 'ssa-vm', '-n', ns, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/runStrategy","value":"Always"}]']);
      assert.equal(jp.code, 0, jp.stderr);
      const conflictRun = await k(['apply', '--server-side', '-n', ns, '-f', file('ssa.yaml', VM('ssa-vm'))]);
      assert.notEqual(conflictRun.code, 0);
      assert.match(conflictRun.stderr, /conflict/i);
    });

    test('wait sees the condition the VM controller writes; get shows the status', async () => {
      // The VM is not running (Manual, never started): the controller reports Stopped, Ready=False.
      const r = await k(['wait', 'vm/fedora01', '-n', ns, '--for=condition=Ready=false', '--timeout=30s']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /condition met/);
      const g = await k(['get', 'vm', 'fedora01', '-n', ns]);
      assert.match(g.stdout, /fedora01\s+\S+\s+Stopped\s+False/);
    });

    test('delete removes the VM and waits until it is gone', async () => {
      const r = await k(['delete', 'vm', 'fedora01', '-n', ns]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /virtualmachine\.kubevirt\.io "fedora01" deleted/);
      const g = await k(['get', 'vm', 'fedora01', '-n', ns]);
      assert.notEqual(g.code, 0);
    });

    test('api-resources lists the KubeVirt kinds with short names', async () => {
      const r = await k(['api-resources', '--api-group=kubevirt.io']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /virtualmachines\s+vm,vms\s+kubevirt\.io\/v1\s+true\s+VirtualMachine/);
      assert.match(r.stdout, /virtualmachineinstances\s+vmi,vmis/);
    });
  });
}

test('requests without a valid token get a 401 Status', async () => {
  const { KubeClient, ApiStatusError } = await import('../src/client/client.ts');
  const bad = new KubeClient({ server: tcp.cp.api.url, caPem: tcp.cp.api.caPem, token: 'wrong' });
  await assert.rejects(bad.list(R.namespaces), (e: unknown) => e instanceof ApiStatusError && e.code === 401 && e.status.reason === 'Unauthorized');
  bad.close();
});
