// KubeVirt's VirtualMachine actions (subresources.kubevirt.io/v1 …/virtualmachines/NAME/{start,stop,restart}).
// They never touch a guest: they change the VM's run strategy (spec) or queue a start/stop request
// (status) for the VM controller, and for a stop with a grace period hand the node agent the
// shorter period and delete the VMI. 202 Accepted with an empty body, or a Status saying why not.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KindDefinition } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';
import type { VirtualMachine, VirtualMachineInstance } from '../api/kubevirt/index.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiPath } from '../apiserver/request-path.ts';
import { readBody } from '../apiserver/http-io.ts';
import { ApiError, badRequest, conflict, notFound } from '../apiserver/status.ts';
import { mergeRequests, planAction, type ActionOptions, type ActionPlan, type VmAction } from '../controllers/vm/action-table.ts';
import { GRACE_PERIOD_ANNOTATION } from '../controllers/vm/names.ts';

const FIELD_MANAGER = 'vireo-vm-actions';
const ACTIONS: VmAction[] = ['start', 'stop', 'restart'];

/** KubeVirt names the resource "virtualmachine" in these refusals. */
const target = (name: string) => ({ group: 'kubevirt.io', resource: 'virtualmachine', kind: 'VirtualMachine', name });

interface ActionBody {
  gracePeriod?: number;
  gracePeriodSeconds?: number;
  dryRun?: string[];
  paused?: boolean;
}

/** Start/Stop/RestartOptions; stop takes virtctl's `gracePeriod` or `gracePeriodSeconds`. */
async function readOptions(req: IncomingMessage): Promise<{ opts: ActionOptions; dryRun: boolean }> {
  const text = (await readBody(req)).toString('utf8').trim();
  let body: ActionBody = {};
  if (text) {
    try {
      body = JSON.parse(text) as ActionBody;
    } catch (e) {
      throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
    }
  }
  const grace = body.gracePeriodSeconds ?? body.gracePeriod;
  if (grace !== undefined && !Number.isInteger(grace)) throw badRequest('gracePeriod must be an integer number of seconds');
  const dry = body.dryRun ?? [];
  if (!Array.isArray(dry) || dry.some((d) => d !== 'All')) throw badRequest('dryRun must be "All"');
  return { opts: { gracePeriodSeconds: grace, paused: body.paused === true }, dryRun: dry.length > 0 };
}

function refuse(plan: ActionPlan, name: string): asserts plan is Exclude<ActionPlan, { kind: 'refuse' }> {
  if (plan.kind !== 'refuse') return;
  throw plan.code === 400 ? badRequest(plan.message) : conflict(target(name), plan.message);
}

/** The plan's change applied to a fresh copy of the VM (spec for setRunning, status for requests). */
function applyPlan(plan: ActionPlan, vm: VirtualMachine, name: string): VirtualMachine {
  refuse(plan, name);
  if (plan.kind === 'setRunning') {
    const spec = vm.spec!;
    if (spec.runStrategy !== undefined) spec.runStrategy = plan.running ? 'Always' : 'Halted';
    else spec.running = plan.running;
  } else if (plan.kind === 'requests') {
    const status = (vm.status ??= {});
    const merged = mergeRequests(status.stateChangeRequests, plan.requests);
    if ('refuse' in merged) throw conflict(target(name), merged.refuse);
    status.stateChangeRequests = merged;
    // A new request starts a fresh attempt: no back-off left over from earlier failures.
    delete status.startFailure;
  }
  return vm;
}

async function handle(api: ApiServer, action: VmAction, req: IncomingMessage, res: ServerResponse, p: ApiPath): Promise<void> {
  if (req.method !== 'PUT') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method} ${action})`);
  const { namespace: ns, name } = p;
  if (!ns || !name) throw badRequest(`${action} needs a namespace and a virtual machine name`);
  const { opts, dryRun } = await readOptions(req);
  const vmDef = kind(api, 'virtualmachines');
  const vmiDef = kind(api, 'virtualmachineinstances');
  const vm = (await api.objects.tryGet(vmDef, ns, name)) as VirtualMachine | undefined;
  if (!vm) throw notFound(target(name));
  const vmi = (await api.objects.tryGet(vmiDef, ns, name)) as VirtualMachineInstance | undefined;
  const plan = planAction(action, vm, vmi, opts);
  refuse(plan, name);

  // The shorter grace period reaches the VMI before anything can start deleting it.
  if (plan.graceVmi !== undefined && vmi && !dryRun) await annotateGrace(api, vmiDef, vmi, plan.graceVmi);
  // Re-planned on the VM as stored at write time, so a concurrent change is judged on what is current.
  const write = { dryRun, fieldManager: FIELD_MANAGER, ...(plan.kind === 'requests' ? { subresource: 'status' as const } : {}) };
  await api.objects.modify(
    vmDef,
    ns,
    name,
    (cur) => {
      const again = planAction(action, cur as VirtualMachine, vmi, opts);
      if (again.kind !== plan.kind) refuse({ kind: 'refuse', code: 409, message: 'the VM changed while the request was handled; try again' }, name);
      return applyPlan(again, cur as VirtualMachine, name) as KubeObject;
    },
    write,
  );
  if (plan.graceVmi !== undefined && vmi && !dryRun) await deleteVmi(api, vmiDef, vmi);
  res.writeHead(202, { 'Content-Length': '0', 'Cache-Control': 'no-cache, private' }).end();
}

function kind(api: ApiServer, plural: string): KindDefinition {
  const def = api.index.resource('kubevirt.io', 'v1', plural);
  if (!def) throw new Error(`vm-actions: kubevirt.io/v1 ${plural} is not served`);
  return def;
}

async function annotateGrace(api: ApiServer, vmiDef: KindDefinition, vmi: VirtualMachineInstance, seconds: number): Promise<void> {
  await api.objects.modify(
    vmiDef,
    vmi.metadata.namespace,
    vmi.metadata.name!,
    (cur) => {
      if (cur.metadata.uid !== vmi.metadata.uid) throw conflict(target(vmi.metadata.name!), 'the virtual machine instance was replaced; try again');
      cur.metadata.annotations = { ...(cur.metadata.annotations ?? {}), [GRACE_PERIOD_ANNOTATION]: String(seconds) };
      return cur;
    },
    { fieldManager: FIELD_MANAGER },
  );
}

/** Deletes the VMI now (the agent applies the annotated grace period); gone already is fine. */
async function deleteVmi(api: ApiServer, vmiDef: KindDefinition, vmi: VirtualMachineInstance): Promise<void> {
  try {
    await api.objects.delete(vmiDef, vmi.metadata.namespace, vmi.metadata.name!, { preconditions: { uid: vmi.metadata.uid } });
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
  }
}

export function registerVmActions(api: ApiServer): void {
  for (const action of ACTIONS) {
    api.registerSubresource('subresources.kubevirt.io', 'v1', 'virtualmachines', action, 'VirtualMachine', true, ['update'], (req, res, p) =>
      handle(api, action, req, res, p),
    );
  }
}
