// `vireo template process … | kubectl apply -f -`, `vireo create vm --template …` and virtctl's
// printing `vireo create vm|instancetype|preference … | kubectl apply -f -` against a real control
// plane, as a user types them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { kubectlBinary } from './support/kubectl.ts';
import { waitFor } from './support/vm-e2e.ts';

const repo = join(import.meta.dirname, '..');
const VMS = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', namespaced: true };
const VMIS = { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachineinstances', namespaced: true };
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

test('create vm --template starts the VM unless --no-start', async () => {
  const r = await sh('"$VIREO" create vm --template vireo-tiny-server-tiny --name quick-halted --no-start -n default');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await tcp.client.get<VirtualMachine>(VMS, 'default', 'quick-halted')).spec!.runStrategy, 'Halted');
  assert.equal((await tcp.client.get<VirtualMachine>(VMS, 'default', 'quick')).spec!.runStrategy, 'Always');
});

test('create vm prints a manifest like virtctl; applied, its DataVolume clones the DataSource', async () => {
  const r = await sh('"$VIREO" create vm --name cli-ds --instancetype u1.nano --preference vireo.tiny --volume-import type:ds,src:vireo-os-images/vireo-tiny,size:1Gi,name:cli-ds-root');
  assert.equal(r.code, 0, r.stderr);
  const vm = parse(r.stdout) as VirtualMachine;
  assert.deepEqual([vm.kind, vm.metadata.name, vm.spec!.runStrategy], ['VirtualMachine', 'cli-ds', 'Always']);
  assert.deepEqual(vm.spec!.instancetype, { name: 'u1.nano' });
  assert.deepEqual(vm.spec!.preference, { name: 'vireo.tiny' });
  assert.deepEqual(vm.spec!.dataVolumeTemplates, [
    { metadata: { name: 'cli-ds-root' }, spec: { sourceRef: { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' }, storage: { resources: { requests: { storage: '1Gi' } } } } },
  ]);
  const applied = await sh(`"$VIREO" create vm --name cli-ds --instancetype u1.nano --volume-import type:ds,src:vireo-os-images/vireo-tiny,name:cli-ds-root | $KUBECTL apply -n default -f -`);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /virtualmachine.kubevirt.io\/cli-ds created/);
  const dv = await waitFor('the VM\'s DataVolume', 20_000, () => tcp.client.tryGet({ group: 'cdi.kubevirt.io', version: 'v1beta1', plural: 'datavolumes', namespaced: true }, 'default', 'cli-ds-root'));
  assert.deepEqual((dv.spec as { sourceRef: unknown }).sourceRef, { kind: 'DataSource', name: 'vireo-tiny', namespace: 'vireo-os-images' });
});

test('create instancetype --namespaced | kubectl apply, then a VM using it gets its CPU and memory', async () => {
  const it = await sh('"$VIREO" create instancetype cli-small --cpu 2 --memory 256Mi --namespaced | $KUBECTL apply -n default -f -');
  assert.equal(it.code, 0, it.stderr);
  assert.match(it.stdout, /virtualmachineinstancetype.instancetype.kubevirt.io\/cli-small created/);
  const pref = await sh('"$VIREO" create preference --name cli-pref --cpu-topology cores | $KUBECTL apply -f -');
  assert.equal(pref.code, 0, pref.stderr);
  assert.match(pref.stdout, /virtualmachineclusterpreference.instancetype.kubevirt.io\/cli-pref created/);
  const vm = await sh('"$VIREO" create vm --name cli-sized --instancetype virtualmachineinstancetype/cli-small --preference cli-pref | $KUBECTL apply -n default -f -');
  assert.equal(vm.code, 0, vm.stderr);
  const vmi = await waitFor('VMI cli-sized', 20_000, () => tcp.client.tryGet<VirtualMachineInstance>(VMIS, 'default', 'cli-sized'));
  assert.deepEqual([vmi.spec!.domain.cpu?.cores, vmi.spec!.domain.cpu?.sockets, vmi.spec!.domain.memory?.guest], [2, 1, '256Mi']);
});

test('create vm refuses what Vireo cannot fill, in one line', async () => {
  const r = await sh('"$VIREO" create vm --volume-import type:s3,url:s3://bucket/disk.img');
  assert.notEqual(r.code, 0);
  assert.equal(r.stderr, 'error: failed to parse "--volume-import" flag: type s3 is not supported by Vireo (supported: ds, pvc, http, registry, blank)\n');
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
