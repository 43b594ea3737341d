// KubeVirt's `PUT subresources.kubevirt.io/v1 …/virtualmachines/NAME/migrate`: asks for a live
// migration by creating a VirtualMachineInstanceMigration (the migration controller does the rest).
// Body: MigrateOptions (`addedNodeSelector`, `dryRun`). Refused with 409 when the VM is not running,
// its VMI is not live-migratable (the LiveMigratable condition's message) or a migration of it is
// still unfinished. Answers 200 with the created migration, so callers can follow it by name
// (KubeVirt answers 202 with no body; virtctl reads neither).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../api/kubevirt/index.ts';
import { readBody, sendJson } from '../apiserver/http-io.ts';
import type { ApiPath } from '../apiserver/request-path.ts';
import type { ApiServer } from '../apiserver/server.ts';
import { ApiError, badRequest, conflict, notFound } from '../apiserver/status.ts';
import type { KindDefinition } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';
import { migrateRefusal } from './migrate-refusal.ts';

const FIELD_MANAGER = 'vireo-vm-migrate';
const target = (name: string) => ({ group: 'kubevirt.io', resource: 'virtualmachine', kind: 'VirtualMachine', name });

export interface MigrateOptions {
  addedNodeSelector?: Record<string, string>;
  dryRun: boolean;
}

/** MigrateOptions from a request body (empty is fine); a malformed one is a 400 naming the field. */
export function parseMigrateOptions(text: string): MigrateOptions {
  if (!text.trim()) return { dryRun: false };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be a MigrateOptions object');
  const { addedNodeSelector: sel, dryRun = [] } = body as { addedNodeSelector?: unknown; dryRun?: unknown };
  if (sel !== undefined && sel !== null) {
    if (typeof sel !== 'object' || Array.isArray(sel) || Object.values(sel).some((v) => typeof v !== 'string')) {
      throw badRequest('addedNodeSelector must map label names to string values');
    }
  }
  if (!Array.isArray(dryRun) || dryRun.some((d) => d !== 'All')) throw badRequest('dryRun must be "All"');
  return { ...(sel ? { addedNodeSelector: sel as Record<string, string> } : {}), dryRun: dryRun.length > 0 };
}

export function migrationFor(name: string, namespace: string, opts: MigrateOptions): VirtualMachineInstanceMigration {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstanceMigration',
    metadata: { generateName: `${name}-migration-`, namespace },
    spec: { vmiName: name, ...(opts.addedNodeSelector ? { addedNodeSelector: opts.addedNodeSelector } : {}) },
  };
}

function kind(api: ApiServer, plural: string): KindDefinition {
  const def = api.index.resource('kubevirt.io', 'v1', plural);
  if (!def) throw new Error(`vm-migrate: kubevirt.io/v1 ${plural} is not served`);
  return def;
}

type Serialize = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/**
 * One migrate request per VM at a time in this server, so two concurrent requests cannot both pass
 * the "no unfinished migration" check before either has created its migration.
 */
function serializer(): Serialize {
  const inFlight = new Map<string, Promise<void>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = inFlight.get(key) ?? Promise.resolve();
    const next = prev.then(fn);
    // The chain only orders requests; each outcome, error included, goes to its own caller through `next`.
    const tail = next.then(() => undefined, () => undefined);
    inFlight.set(key, tail);
    void tail.then(() => {
      if (inFlight.get(key) === tail) inFlight.delete(key);
    });
    return next;
  };
}

async function handle(api: ApiServer, serialize: Serialize, req: IncomingMessage, res: ServerResponse, p: ApiPath): Promise<void> {
  if (req.method !== 'PUT') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${req.method} migrate)`);
  const { namespace: ns, name } = p;
  if (!ns || !name) throw badRequest('migrate needs a namespace and a virtual machine name');
  const opts = parseMigrateOptions((await readBody(req)).toString('utf8'));
  if (!(await api.objects.tryGet(kind(api, 'virtualmachines'), ns, name))) throw notFound(target(name));
  const created = await serialize(`${ns}/${name}`, () => createMigration(api, ns, name, opts));
  sendJson(res, 200, created);
}

async function createMigration(api: ApiServer, ns: string, name: string, opts: MigrateOptions): Promise<KubeObject> {
  const vmi = (await api.objects.tryGet(kind(api, 'virtualmachineinstances'), ns, name)) as VirtualMachineInstance | undefined;
  const vmimDef = kind(api, 'virtualmachineinstancemigrations');
  const migrations = (await api.objects.list(vmimDef, ns, {}, (o) => (o as VirtualMachineInstanceMigration).spec?.vmiName === name)).items as VirtualMachineInstanceMigration[];
  const why = migrateRefusal(vmi, migrations);
  if (why) throw conflict(target(name), why);
  return (await api.objects.create(vmimDef, ns, migrationFor(name, ns, opts), { dryRun: opts.dryRun, fieldManager: FIELD_MANAGER })).object;
}

export function registerVmMigrate(api: ApiServer): void {
  const serialize = serializer();
  api.registerSubresource('subresources.kubevirt.io', 'v1', 'virtualmachines', 'migrate', 'VirtualMachine', true, ['update'], (req, res, p) => handle(api, serialize, req, res, p));
}
