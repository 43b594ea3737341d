// The generic object service behind every REST verb: admission (defaults, schema, rules),
// metadata semantics (uid, generation, resourceVersion, finalizers, deletion), optimistic
// concurrency, and the mapping of objects onto store keys. Kind-specific behaviour comes only
// from the KindDefinition.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AdmissionContext, FieldError, KindDefinition } from '../machinery/kind.ts';
import { apiVersionOf } from '../machinery/kind.ts';
import type { KubeObject } from '../machinery/object.ts';
import { recordUpdate } from '../machinery/apply.ts';
import { StoreError, type Store, type StoredValue } from '../store/store.ts';
import { validateObjectName } from './names.ts';
import { checkSchema, pruneFields } from './schema-check.ts';
import type { KindIndex } from './kind-index.ts';
import { resourcePrefix, storeKey } from './kind-index.ts';
import { deepCopy, nowTimestamp, randomSuffix, specChanged } from './meta.ts';
import { ApiError, alreadyExists, badRequest, conflict, expired, forbidden, invalid, notFound } from './status.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  subresource?: 'status';
  /** Set for server-side apply, which has already written managedFields itself. */
  applied?: boolean;
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ListOptions {
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
}

const NAMESPACE_FINALIZER = 'kubernetes';
/** Kinds that may live in a reserved namespace are decided by their own rules; this is the
 * namespace every object of a namespaced kind must have. */
function target(def: KindDefinition, name?: string) {
  return { group: def.group, resource: def.plural, kind: def.kind, name };
}

export class ObjectService {
  constructor(
    private readonly store: Store,
    private readonly kinds: KindIndex,
  ) {}

  decode(v: StoredValue): KubeObject {
    const obj = JSON.parse(v.value) as KubeObject;
    obj.metadata.resourceVersion = String(v.modRevision);
    return obj;
  }

  private encode(obj: KubeObject): string {
    const copy = { ...obj, metadata: { ...obj.metadata } };
    delete copy.metadata.resourceVersion;
    return JSON.stringify(copy);
  }

  async get(def: KindDefinition, namespace: string | undefined, name: string): Promise<KubeObject> {
    const v = await this.store.get(storeKey(def, namespace, name));
    if (!v) throw notFound(target(def, name));
    return this.decode(v);
  }

  async tryGet(def: KindDefinition, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const v = await this.store.get(storeKey(def, namespace, name));
    return v ? this.decode(v) : undefined;
  }

  /**
   * Lists objects in key order. With `filter`, pages through the store until `limit` matches are
   * found, so a selector never returns more than `limit` and the continue token resumes right
   * after the last object returned.
   */
  async list(def: KindDefinition, namespace: string | undefined, opts: ListOptions = {}, filter?: (o: KubeObject) => boolean): Promise<ListResult> {
    const prefix = resourcePrefix(def, namespace);
    let startAfter: string | undefined;
    let listRev: number | undefined;
    if (opts.continueToken) {
      const tok = decodeContinue(opts.continueToken);
      const mark = await this.store.compactedRevision();
      if (tok.rv < mark) {
        throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      }
      startAfter = prefix + tok.start;
      listRev = tok.rv;
    }
    const items: KubeObject[] = [];
    const limit = opts.limit && opts.limit > 0 ? opts.limit : undefined;
    const pageSize = filter && limit ? Math.max(limit, 500) : limit;
    let lastKey: string | undefined;
    let more = false;
    for (;;) {
      const r = await this.store.list(prefix, { limit: pageSize, startAfter });
      listRev ??= r.revision;
      let i = 0;
      for (; i < r.items.length; i++) {
        const v = r.items[i];
        const o = this.decode(v);
        if (filter && !filter(o)) continue;
        if (limit && items.length === limit) break;
        items.push(o);
        lastKey = v.key;
      }
      if (limit && items.length === limit && (i < r.items.length || r.more)) {
        more = true;
        break;
      }
      if (!r.more) break;
      startAfter = r.items[r.items.length - 1]?.key;
    }
    const continueToken = more && lastKey ? encodeContinue({ rv: listRev, start: lastKey.slice(prefix.length) }) : undefined;
    return { items, resourceVersion: String(listRev), continueToken };
  }

  private admissionContext(operation: 'CREATE' | 'UPDATE', old?: KubeObject): AdmissionContext {
    return {
      operation,
      old,
      get: async (apiVersion, kind, namespace, name) => {
        const def = this.kinds.kind(apiVersion, kind);
        if (!def) return undefined;
        return this.tryGet(def, namespace, name);
      },
    };
  }

  /** Defaults, schema and rules. Returns warnings; throws Invalid/BadRequest. */
  private async admit(def: KindDefinition, obj: KubeObject, opts: WriteOptions, old?: KubeObject): Promise<string[]> {
    const warnings: string[] = [];
    def.defaults?.(obj);
    const schema = checkSchema(def.schema, obj);
    if (schema.unknownFields.length > 0) {
      const mode = opts.fieldValidation ?? 'Warn';
      if (mode === 'Strict') {
        const list = schema.unknownFields.map((f) => `unknown field "${f}"`).join(', ');
        throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${list}`);
      }
      if (mode === 'Warn') for (const f of schema.unknownFields) warnings.push(`unknown field "${f}"`);
      pruneFields(obj, schema.unknownPointers);
    }
    const errors: FieldError[] = [...schema.errors];
    errors.push(...validateObjectName(def, obj));
    if (errors.length === 0 && def.validate) {
      errors.push(...(await def.validate(obj, this.admissionContext(old ? 'UPDATE' : 'CREATE', old))));
    }
    if (errors.length > 0) throw invalid(target(def, obj.metadata?.name), errors);
    return warnings;
  }

  private async requireNamespace(def: KindDefinition, namespace: string | undefined, name: string | undefined): Promise<void> {
    if (!def.namespaced) return;
    const nsDef = this.kinds.kind('v1', 'Namespace');
    if (!nsDef || !namespace) throw badRequest('a namespace is required for this resource');
    const ns = await this.tryGet(nsDef, undefined, namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces', kind: 'Namespace', name: namespace });
    if (ns.metadata.deletionTimestamp) {
      throw forbidden(
        `${def.plural}${def.group ? `.${def.group}` : ''} "${name ?? ''}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        target(def, name),
      );
    }
  }

  async create(def: KindDefinition, namespace: string | undefined, input: KubeObject, opts: WriteOptions = {}): Promise<WriteResult> {
    const obj = deepCopy(input);
    this.checkTypeMeta(def, obj);
    obj.metadata = obj.metadata ?? {};
    if (def.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
        throw badRequest(`the namespace of the provided object (${obj.metadata.namespace}) does not match the namespace sent on the request (${namespace})`);
      }
      obj.metadata.namespace = namespace ?? obj.metadata.namespace;
    } else {
      delete obj.metadata.namespace;
    }
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + randomSuffix();
    if (!obj.metadata.name) {
      throw invalid(target(def), [{ field: 'metadata.name', message: 'name or generateName is required', reason: 'FieldValueRequired' }]);
    }
    const m = obj.metadata;
    m.uid = randomUUID();
    m.creationTimestamp = nowTimestamp();
    m.generation = 1;
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (def.hasStatus && opts.subresource !== 'status') delete obj.status;
    if (def.kind === 'Namespace' && def.group === '') {
      obj.spec = { finalizers: [NAMESPACE_FINALIZER] };
      obj.status = { phase: 'Active' };
    }
    const warnings = await this.admit(def, obj, opts);
    await this.requireNamespace(def, m.namespace, m.name);
    if (!opts.applied) recordUpdate(undefined, obj as Record<string, unknown>, {
      manager: opts.fieldManager ?? 'unknown',
      apiVersion: apiVersionOf(def),
      now: m.creationTimestamp,
    });
    if (opts.dryRun) return { object: obj, warnings };
    try {
      const rev = await this.store.create(storeKey(def, m.namespace, m.name!), this.encode(obj));
      m.resourceVersion = String(rev);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'AlreadyExists') throw alreadyExists(target(def, m.name));
      throw e;
    }
    return { object: obj, warnings };
  }

  private checkTypeMeta(def: KindDefinition, obj: KubeObject): void {
    const want = apiVersionOf(def);
    if (obj.apiVersion === undefined) obj.apiVersion = want;
    if (obj.kind === undefined) obj.kind = def.kind;
    if (obj.apiVersion !== want || obj.kind !== def.kind) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
    }
  }

  /**
   * Replaces an object (PUT). `input.metadata.resourceVersion` is the precondition; without one
   * the write is unconditional only for core kinds, as in Kubernetes.
   */
  async update(def: KindDefinition, namespace: string | undefined, name: string, input: KubeObject, opts: WriteOptions = {}): Promise<WriteResult> {
    const obj = deepCopy(input);
    this.checkTypeMeta(def, obj);
    if (obj.metadata?.name && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    const key = storeKey(def, namespace, name);
    const cur = await this.store.get(key);
    if (!cur) throw notFound(target(def, name));
    const old = this.decode(cur);
    const rv = obj.metadata?.resourceVersion;
    if (!rv && def.group !== '') {
      throw invalid(target(def, name), [{ field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
    }
    if (rv && rv !== old.metadata.resourceVersion) {
      throw conflict(target(def, name), 'the object has been modified; please apply your changes to the latest version and try again');
    }
    return this.writeUpdate(def, old, obj, cur.modRevision, opts);
  }

  /** Shared tail of update and patch: merge immutable fields, admit, CAS-write, finalize deletion. */
  async writeUpdate(def: KindDefinition, old: KubeObject, obj: KubeObject, expected: number, opts: WriteOptions): Promise<WriteResult> {
    const name = old.metadata.name!;
    obj.metadata = obj.metadata ?? {};
    const m = obj.metadata;
    m.name = name;
    if (def.namespaced) m.namespace = old.metadata.namespace;
    else delete m.namespace;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    m.deletionTimestamp = old.metadata.deletionTimestamp;
    m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (m.deletionTimestamp === undefined) delete m.deletionTimestamp;
    if (m.deletionGracePeriodSeconds === undefined) delete m.deletionGracePeriodSeconds;
    m.generation = old.metadata.generation;
    let finalObj: KubeObject;
    if (opts.subresource === 'status') {
      // A status write changes only status.
      finalObj = { ...deepCopy(old), status: obj.status };
      finalObj.metadata = { ...finalObj.metadata, managedFields: m.managedFields ?? old.metadata.managedFields };
    } else {
      finalObj = obj;
      if (def.hasStatus) finalObj.status = old.status;
      if (specChanged(def, old, finalObj)) finalObj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      if (old.metadata.deletionTimestamp) {
        const added = (finalObj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
        if (added.length > 0) {
          throw forbidden(`${def.kind} "${name}" is being deleted: no new finalizers can be added (${added.join(', ')})`, target(def, name));
        }
      }
    }
    const warnings = await this.admit(def, finalObj, opts, old);
    if (isDeepStrictEqual(withoutVolatile(finalObj), withoutVolatile(old)) && !this.deletable(finalObj)) {
      // A write that changes nothing is not a write: no new resourceVersion, no watch event.
      return { object: old, warnings };
    }
    if (!opts.applied) recordUpdate(old as Record<string, unknown>, finalObj as Record<string, unknown>, {
      manager: opts.fieldManager ?? 'unknown',
      apiVersion: apiVersionOf(def),
      now: nowTimestamp(),
      subresource: opts.subresource,
    });
    if (opts.dryRun) return { object: finalObj, warnings };
    const key = storeKey(def, old.metadata.namespace, name);
    try {
      if (this.deletable(finalObj, def)) {
        const rev = await this.store.delete(key, expected);
        finalObj.metadata.resourceVersion = String(rev);
        return { object: finalObj, warnings };
      }
      const rev = await this.store.update(key, this.encode(finalObj), expected);
      finalObj.metadata.resourceVersion = String(rev);
    } catch (e) {
      throw this.mapStoreError(def, name, e);
    }
    return { object: finalObj, warnings };
  }

  private deletable(obj: KubeObject, def?: KindDefinition): boolean {
    return !!obj.metadata.deletionTimestamp && this.finalizersDone(def ?? this.kinds.kind(obj.apiVersion, obj.kind)!, obj);
  }

  private finalizersDone(def: KindDefinition, obj: KubeObject): boolean {
    if ((obj.metadata.finalizers ?? []).length > 0) return false;
    if (def.kind === 'Namespace' && def.group === '') {
      const spec = (obj.spec ?? {}) as { finalizers?: string[] };
      return (spec.finalizers ?? []).length === 0;
    }
    return true;
  }

  private mapStoreError(def: KindDefinition, name: string, e: unknown): unknown {
    if (e instanceof StoreError) {
      if (e.code === 'Conflict') {
        return conflict(target(def, name), 'the object has been modified; please apply your changes to the latest version and try again');
      }
      if (e.code === 'NotFound') return notFound(target(def, name));
    }
    return e;
  }

  /**
   * Read-modify-write with retries on conflict, for patches and server-side changes that carry no
   * precondition of their own. `mutate` gets a private copy and returns the desired object.
   */
  async modify(
    def: KindDefinition,
    namespace: string | undefined,
    name: string,
    mutate: (current: KubeObject) => KubeObject | Promise<KubeObject>,
    opts: WriteOptions = {},
  ): Promise<WriteResult> {
    for (let attempt = 0; ; attempt++) {
      const cur = await this.store.get(storeKey(def, namespace, name));
      if (!cur) throw notFound(target(def, name));
      const old = this.decode(cur);
      // The copy carries no resourceVersion: one in the result came from the request (a patch that
      // names it is a precondition, refused when stale); without one a conflict is retried here, as
      // kube-apiserver's GuaranteedUpdate does.
      const copy = deepCopy(old);
      delete copy.metadata.resourceVersion;
      const next = await mutate(copy);
      const rv = next.metadata?.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) {
        throw conflict(target(def, name), 'the object has been modified; please apply your changes to the latest version and try again');
      }
      try {
        return await this.writeUpdate(def, old, next, cur.modRevision, opts);
      } catch (e) {
        // Many writers of one object each lose at most once per winner: the cap is generous.
        const retryable = e instanceof ApiError && e.reason === 'Conflict' && !rv && attempt < 500;
        if (!retryable) throw e;
      }
    }
  }

  async delete(def: KindDefinition, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    for (let attempt = 0; ; attempt++) {
      const key = storeKey(def, namespace, name);
      const cur = await this.store.get(key);
      if (!cur) throw notFound(target(def, name));
      const obj = this.decode(cur);
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== obj.metadata.uid) {
        throw conflict(target(def, name), `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
        throw conflict(target(def, name), `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
      }
      const finalizers = [...(obj.metadata.finalizers ?? [])];
      if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
      if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
      const isNamespace = def.kind === 'Namespace' && def.group === '';
      const graceful = finalizers.length > 0 || (isNamespace && !this.finalizersDone(def, obj));
      try {
        if (!graceful) {
          if (opts.dryRun) return obj;
          const rev = await this.store.delete(key, cur.modRevision);
          obj.metadata.resourceVersion = String(rev);
          return obj;
        }
        if (obj.metadata.deletionTimestamp && finalizers.length === (obj.metadata.finalizers ?? []).length) return obj;
        const next = deepCopy(obj);
        next.metadata.finalizers = finalizers;
        if (!next.metadata.deletionTimestamp) {
          next.metadata.deletionTimestamp = nowTimestamp();
          next.metadata.deletionGracePeriodSeconds = 0;
          next.metadata.generation = (next.metadata.generation ?? 1) + 1;
        }
        if (isNamespace) next.status = { ...((next.status as object) ?? {}), phase: 'Terminating' };
        if (opts.dryRun) return next;
        const rev = await this.store.update(key, this.encode(next), cur.modRevision);
        next.metadata.resourceVersion = String(rev);
        return next;
      } catch (e) {
        if (e instanceof StoreError && e.code === 'Conflict' && attempt < 20) continue;
        throw this.mapStoreError(def, name, e);
      }
    }
  }
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString()) as ContinueToken;
    if (typeof t.rv === 'number' && typeof t.start === 'string') return t;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: illegal base64 data or unknown format');
}

function withoutVolatile(o: KubeObject): KubeObject {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}
