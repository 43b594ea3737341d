// `vireo template process … | kubectl apply -f -` and `vireo create vm --template …` against a
// real control plane, as a user types them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { VirtualMachine } from '../src/api/kubevirt/index.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { kubectlBinary } from './support/kubectl.ts';

const repo = join(import.meta.dirname, '..');
const VMS = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true };
let tcp: TestControlPlane;
let cacheDir: string;

function sh(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-o', 'pipefail', '-c', script], { env: { ...process.env, KUBECONFIG: tcp.kubeconfig, VIREO: join(repo, 'bin/vireo'), KUBECTL: `${kubectlBinary()} --cache-dir ${cacheDir}` }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) || 1 : 0, stdout, stderr });
    });
  });
}

before(async () => {
  tcp = await startControlPlane();
  cacheDir = mkdtempSync(join(tmpdir(), 'vireo-kubectl-cache-'));
});
after(async () => {
  await tcp.stop();
});

test('template process prints a YAML List with the parameters applied', async () => {
  const r = await sh('"$VIREO" template process fedora-server-small -p NAME=fed1 -p CLOUD_USER_PASSWORD=pw-1');
  assert.equal(r.code, 0, r.stderr);
  const list = parse(r.stdout) as { kind: string; items: VirtualMachine[] };
  assert.equal(list.kind, 'List');
  assert.equal(list.items[0].metadata.name, 'fed1');
  assert.match(JSON.stringify(list.items[0].spec!.template.spec.volumes), /password: pw-1/);
  const dv = list.items[0].spec!.dataVolumeTemplates![0] as { spec: { sourceRef: unknown } };
  assert.deepEqual(dv.spec.sourceRef, { kind: 'DataSource', name: 'fedora', namespace: 'vireo-os-images' });
});

test('template process … | kubectl apply -f - creates the VM', async () => {
  const r = await sh('"$VIREO" template process rhel9-server-small -n vireo-system -p NAME=rhel-a | $KUBECTL apply -n default -f -');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /virtualmachine.kubevirt.io\/rhel-a created/);
  const vm = await tcp.client.get<VirtualMachine>(VMS, 'default', 'rhel-a');
  assert.equal(vm.metadata.labels?.['vm.kubevirt.io/template'], 'rhel9-server-small');
});

test('unknown parameters and templates are one clear error', async () => {
  const r = await sh('"$VIREO" template process fedora-server-small -p NOPE=1');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /unknown parameter name NOPE/);
  const r2 = await sh('"$VIREO" template process no-such-template');
  assert.notEqual(r2.code, 0);
  assert.match(r2.stderr, /template no-such-template not found/);
});

test('create vm --template --name creates the VM from the tiny Linux template', async () => {
  const r = await sh('"$VIREO" create vm --template vireo-tiny-server-tiny --name quick -n default');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /virtualmachine.kubevirt.io\/quick created/);
  const vm = await tcp.client.get<VirtualMachine>(VMS, 'default', 'quick');
  assert.equal(vm.spec!.template.spec.domain.memory?.guest, '128Mi');
  const dv = vm.spec!.dataVolumeTemplates![0] as { metadata: { name: string }; spec: { sourceRef: unknown } };
  assert.equal(dv.metadata.name, 'quick');
  assert.deepEqual(dv.spec.sourceRef, { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' });
  const again = await sh('"$VIREO" create vm --template vireo-tiny-server-tiny --name quick -n default');
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /already exists/);
});

test('kubectl lists the catalog by label and the common instance types', async () => {
  const r = await sh('$KUBECTL get templates -n vireo-system -l os.template.kubevirt.io/fedora=true,flavor.template.kubevirt.io/small=true');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /NAME\s+DESCRIPTION\s+PARAMETERS\s+OBJECTS/);
  assert.match(r.stdout, /fedora-server-small\s+Template for Fedora.*\s+4 \(2 generated\)\s+1/);
  assert.doesNotMatch(r.stdout, /rhel9/);
  const it = await sh('$KUBECTL get virtualmachineclusterinstancetypes u1.medium -o jsonpath={.spec.memory.guest}');
  assert.equal(it.code, 0, it.stderr);
  assert.equal(it.stdout, '4Gi');
});

for (const version of ['1.27', '1.33']) {
  test(`kubectl ${version} discovers the template group without complaint`, async (t) => {
    const bin = kubectlBinary(version);
    if (!bin) return t.skip(`no kubectl ${version} beside the installed one`);
    const r = await sh(`${bin} --cache-dir ${mkdtempSync(join(tmpdir(), 'vireo-kubectl-cache-'))} get templates -n vireo-system vireo-tiny-server-tiny`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /vireo-tiny-server-tiny/);
  });
}
