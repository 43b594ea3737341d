// The VM controller and the VM actions against a real control plane, without QEMU: the test plays
// the node agent by writing VMI status and removing the agent's finalizer. VMs carry a nodeSelector
// no node matches, so a real scheduler or agent never races with the simulated one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startControlPlane, type TestControlPlane } from './support/controlplane.ts';
import { ApiStatusError, type KubeClient } from '../src/client/client.ts';
import { R } from '../src/client/resources.ts';
import type { Condition, KubeObject } from '../src/machinery/object.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../src/api/kubevirt/index.ts';
import { firmwareUuid, stableMac } from '../src/controllers/vm/identity.ts';
import { GRACE_PERIOD_ANNOTATION, VM_FINALIZER } from '../src/controllers/vm/names.ts';

const NS = 'vm-lifecycle';
const AGENT_FINALIZER = 'kubevirt.io/foregroundDeleteVirtualMachine';

let tcp: TestControlPlane;
let c: KubeClient;
before(async () => {
  tcp = await startControlPlane();
  c = tcp.client;
  await c.create(R.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
});
after(async () => {
  await tcp.stop();
});

/** Polls until `fn` returns a value (not undefined), or fails naming what it waited for. */
async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const getVm = (name: string) => c.get<VirtualMachine>(R.vms, NS, name);
const getVmi = (name: string) => c.tryGet<VirtualMachineInstance>(R.vmis, NS, name);

async function vmWith(name: string, what: string, ok: (vm: VirtualMachine) => boolean, ms?: number): Promise<VirtualMachine> {
  return waitFor(`VM ${name}: ${what}`, async () => {
    const vm = await getVm(name);
    return ok(vm) ? vm : undefined;
  }, ms);
}

async function vmiWith(name: string, what: string, ok: (vmi: VirtualMachineInstance) => boolean, ms?: number): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name}: ${what}`, async () => {
    const vmi = await getVmi(name);
    return vmi && ok(vmi) ? vmi : undefined;
  }, ms);
}

/** Plays the node agent finishing a shutdown: drops its finalizer, then waits for that VMI to go. */
async function vmiGone(name: string, uid?: string): Promise<void> {
  await waitFor(`VMI ${name} gone`, async () => {
    const vmi = await getVmi(name);
    if (!vmi || (uid && vmi.metadata.uid !== uid)) return true;
    if (vmi.metadata.deletionTimestamp && vmi.metadata.finalizers?.length) {
      await c.mergePatch(R.vmis, NS, name, { metadata: { finalizers: null } });
    }
    return undefined;
  });
}

/** Plays the node agent taking the VMI: its finalizer, as the agent adds before starting QEMU. */
async function claim(vmi: VirtualMachineInstance): Promise<VirtualMachineInstance> {
  return c.mergePatch<VirtualMachineInstance>(R.vmis, NS, vmi.metadata.name!, { metadata: { finalizers: [AGENT_FINALIZER] } });
}

/**
 * Plays the node agent reporting the guest's state, on a node of its own (so the scheduler leaves
 * the VMI alone); retried when the scheduler wrote the VMI in between.
 */
async function report(name: string, phase: string, conditions: Condition[], reason?: string): Promise<VirtualMachineInstance> {
  return waitFor(`VMI ${name} reported ${phase}`, async () => {
    const vmi = await c.get<VirtualMachineInstance>(R.vmis, NS, name);
    const status = { ...(vmi.status ?? {}), phase, nodeName: 'simulated-node', conditions, ...(reason ? { reason } : {}) };
    return c.updateStatus<VirtualMachineInstance>(R.vmis, { ...vmi, status });
  });
}
const running = (name: string) => report(name, 'Running', [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }]);

const action = (name: string, verb: string, body?: unknown) =>
  c.request<unknown>('PUT', `/apis/subresources.kubevirt.io/v1/namespaces/${NS}/virtualmachines/${name}/${verb}`, body === undefined ? {} : { body });

async function refused(p: Promise<unknown>): Promise<ApiStatusError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(e instanceof ApiStatusError, `expected a refusal, got ${String(e)}`);
  return e;
}

function vmManifest(name: string, runStrategy: string): VirtualMachine {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      runStrategy,
      template: {
        metadata: { labels: { 'kubevirt.io/domain': name } },
        spec: {
          nodeSelector: { 'vireo.io/test-no-node': 'true' },
          domain: {
            resources: { requests: { memory: '64Mi' } },
            devices: { interfaces: [{ name: 'default', masquerade: {} }] },
          },
          networks: [{ name: 'default', pod: {} }],
        },
      },
    },
  } as VirtualMachine;
}

const ready = (vm: VirtualMachine) => vm.status?.conditions?.find((x) => x.type === 'Ready');

test('runStrategy Always: create, run, fail and back off, stop, start, restart, refuse, delete', async () => {
  const vm0 = await c.create<VirtualMachine>(R.vms, NS, vmManifest('always', 'Always'));

  // A VMI appears, owned by the VM, with a stable UUID and MAC; the VM shows Starting.
  const vmi1 = await vmiWith('always', 'created', () => true);
  assert.deepEqual(vmi1.metadata.ownerReferences, [
    { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'always', uid: vm0.metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.equal(vmi1.spec?.domain.firmware?.uuid, firmwareUuid(NS, 'always'));
  assert.equal(vmi1.spec?.domain.devices?.interfaces?.[0].macAddress, stableMac(vm0.metadata.uid!, 'default'));
  assert.deepEqual(vmi1.metadata.labels, { 'kubevirt.io/domain': 'always' });
  // Starting, or ErrorUnschedulable once the scheduler finds no node for the test's nodeSelector.
  const starting = (v: VirtualMachine) => ['Starting', 'ErrorUnschedulable'].includes(v.status?.printableStatus ?? '');
  let vm = await vmWith('always', 'Starting with its VMI', (v) => starting(v) && v.status?.created === true);
  assert.ok(vm.metadata.finalizers?.includes(VM_FINALIZER));

  // The guest runs: the VM is Running and Ready.
  await claim(vmi1);
  await running('always');
  vm = await vmWith('always', 'Running and ready', (v) => v.status?.printableStatus === 'Running' && v.status.ready === true);
  assert.equal(ready(vm)?.status, 'True');
  assert.equal(vm.status?.runStrategy, 'Always');

  // Start while running is refused with KubeVirt's message.
  const e = await refused(action('always', 'start'));
  assert.equal(e.code, 409);
  assert.equal(e.reason, 'Conflict');
  assert.match(e.message, /VM is already running/);

  // The guest fails: counted as a start failure, CrashLoopBackOff during the back-off, then a new VMI.
  await report('always', 'Failed', [{ type: 'Ready', status: 'False', reason: 'GuestNotRunning', message: 'QEMU exited with status 1' }], 'QemuExited');
  vm = await vmWith('always', 'CrashLoopBackOff', (v) => v.status?.printableStatus === 'CrashLoopBackOff');
  assert.equal(vm.status?.startFailure?.consecutiveFailCount, 1);
  assert.equal(vm.status?.startFailure?.lastFailedVMIUID, vmi1.metadata.uid);
  assert.equal(vm.status?.conditions?.find((x) => x.type === 'Failure')?.reason, 'QemuExited');
  await vmiGone('always');
  const vmi2 = await vmiWith('always', 'a new VMI after the back-off', (v) => v.metadata.uid !== vmi1.metadata.uid, 15_000);
  assert.equal(vmi2.spec?.domain.firmware?.uuid, vmi1.spec?.domain.firmware?.uuid, 'the UUID survives the restart');
  assert.equal(vmi2.spec?.domain.devices?.interfaces?.[0].macAddress, vmi1.spec?.domain.devices?.interfaces?.[0].macAddress);
  await vmWith('always', 'Starting again', (v) => starting(v) && v.status?.startFailure?.consecutiveFailCount === 1);
  // The scheduler's verdict shows on the VM.
  const unschedulable = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' };
  await report('always', 'Pending', [unschedulable]);
  await vmWith('always', 'ErrorUnschedulable', (v) => v.status?.printableStatus === 'ErrorUnschedulable');

  // stop: the VM becomes Halted and its VMI is shut down with the given grace period.
  await claim(vmi2);
  await running('always');
  await vmWith('always', 'Running', (v) => v.status?.printableStatus === 'Running');
  assert.equal(await action('always', 'stop', { gracePeriod: 0 }), undefined);
  const stopping = await vmiWith('always', 'being deleted', (v) => !!v.metadata.deletionTimestamp);
  assert.equal(stopping.metadata.annotations?.[GRACE_PERIOD_ANNOTATION], '0');
  vm = await vmWith('always', 'Stopping', (v) => v.status?.printableStatus === 'Stopping');
  assert.equal(vm.spec?.runStrategy, 'Halted');
  await vmiGone('always');
  vm = await vmWith('always', 'Stopped', (v) => v.status?.printableStatus === 'Stopped');
  assert.equal(ready(vm)?.reason, 'VMINotExists');
  assert.equal(vm.status?.startFailure, undefined, 'Halted drops the back-off');
  assert.match((await refused(action('always', 'stop'))).message, /VM is not running/);
  assert.match((await refused(action('always', 'restart'))).message, /RunStategy Halted does not support manual restart requests/);

  // start: Always again, and a VMI.
  await action('always', 'start');
  assert.equal((await getVm('always')).spec?.runStrategy, 'Always');
  const vmi3 = await vmiWith('always', 'started again', (v) => v.metadata.uid !== vmi2.metadata.uid);
  await running('always');
  await vmWith('always', 'Running', (v) => v.status?.printableStatus === 'Running');

  // restart: a new VMI; the VM stays Always and the requests are consumed.
  await action('always', 'restart');
  await vmiGone('always', vmi3.metadata.uid);
  const vmi4 = await vmiWith('always', 'restarted', (v) => v.metadata.uid !== vmi3.metadata.uid);
  assert.ok(vmi4);
  vm = await vmWith('always', 'requests consumed', (v) => !v.status?.stateChangeRequests);
  assert.equal(vm.spec?.runStrategy, 'Always');

  // Delete the VM: Terminating while the guest shuts down, then both are gone.
  await claim(vmi4);
  await c.delete(R.vms, NS, 'always');
  await vmWith('always', 'Terminating', (v) => v.status?.printableStatus === 'Terminating');
  await vmiWith('always', 'deleted with its VM', (v) => !!v.metadata.deletionTimestamp);
  await vmiGone('always');
  await waitFor('VM always gone', async () => ((await c.tryGet(R.vms, NS, 'always')) ? undefined : true));
});

test('runStrategy Manual: only start and stop requests change anything', async () => {
  await c.create(R.vms, NS, vmManifest('manual', 'Manual'));
  const vm = await vmWith('manual', 'Stopped', (v) => v.status?.printableStatus === 'Stopped' && !!v.metadata.finalizers?.includes(VM_FINALIZER));
  assert.equal(vm.status?.created, false);
  assert.equal(await getVmi('manual'), undefined);

  await action('manual', 'start');
  const vmi = await vmiWith('manual', 'started', () => true);
  await running('manual');
  let v = await vmWith('manual', 'Running, Start consumed', (x) => x.status?.printableStatus === 'Running' && !x.status.stateChangeRequests);
  assert.equal(v.spec?.runStrategy, 'Manual');

  // A guest that powers off stays off under Manual.
  await report('manual', 'Succeeded', [{ type: 'Ready', status: 'False' }]);
  await vmWith('manual', 'Stopped with its finished VMI', (x) => x.status?.printableStatus === 'Stopped');
  assert.equal((await getVmi('manual'))?.metadata.uid, vmi.metadata.uid);

  // start again replaces the finished VMI (Stop for its uid, then Start).
  await action('manual', 'start');
  const vmi2 = await vmiWith('manual', 'replaced', (x) => x.metadata.uid !== vmi.metadata.uid);
  await running('manual');
  await vmWith('manual', 'Running', (x) => x.status?.printableStatus === 'Running');

  // A dry run changes nothing.
  assert.equal(await action('manual', 'stop', { dryRun: ['All'], gracePeriod: 0 }), undefined);
  const still = await getVmi('manual');
  assert.equal(still?.metadata.uid, vmi2.metadata.uid);
  assert.equal(still?.metadata.deletionTimestamp, undefined);
  assert.equal(still?.metadata.annotations?.[GRACE_PERIOD_ANNOTATION], undefined);
  assert.equal((await getVm('manual')).status?.stateChangeRequests, undefined);

  await action('manual', 'stop');
  await vmiGone('manual');
  v = await vmWith('manual', 'Stopped, Stop consumed', (x) => x.status?.printableStatus === 'Stopped' && !x.status.stateChangeRequests);
  assert.equal(v.spec?.runStrategy, 'Manual');
  assert.notEqual(vmi2.metadata.uid, vmi.metadata.uid);
  assert.match((await refused(action('manual', 'stop'))).message, /VM is not running/);

  // What happened is in the VM's events, in KubeVirt's words.
  const events = await c.list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(R.events, NS);
  const mine = events.items.filter((e) => e.involvedObject?.name === 'manual');
  assert.ok(mine.some((e) => e.reason === 'SuccessfulCreate' && e.message === 'Started the virtual machine by creating the new virtual machine instance manual'));
  assert.ok(mine.some((e) => e.reason === 'SuccessfulDelete' && e.message === `Stopped the virtual machine by deleting the virtual machine instance ${vmi2.metadata.uid}`));

  // A missing VM is a 404.
  assert.equal((await refused(action('nope', 'start'))).code, 404);
  await c.delete(R.vms, NS, 'manual');
  await waitFor('VM manual gone', async () => ((await c.tryGet(R.vms, NS, 'manual')) ? undefined : true));
});
