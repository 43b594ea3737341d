// The one declaration of a kind. Discovery, OpenAPI, validation, tables and REST handlers are all
// derived from a KindDefinition; nothing else in the system describes a kind a second time.
import type { TSchema } from '@sinclair/typebox';
import type { KubeObject } from './object.ts';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** A simple JSONPath such as `.status.phase` or `.status.conditions[?(@.type=="Ready")].status`. */
  jsonPath: string;
  description?: string;
  /** > 0: shown only with `-o wide`. */
  priority?: number;
  format?: string;
  /**
   * Computes the cell when a plain JSONPath cannot (pod READY "1/1", event OBJECT "virtualmachine/x");
   * when present the server uses it instead of jsonPath, which stays for OpenAPI/CRD-style description.
   */
  value?: (obj: KubeObject) => unknown;
}

export type CauseReason =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueUnknown';

/** One bad field, named by its dotted path (`spec.template.spec.domain.resources.limits.memory`). */
export interface FieldError {
  field: string;
  message: string;
  reason?: CauseReason;
}

/** What admission may look at besides the object itself. Read-only. */
export interface AdmissionContext {
  operation: 'CREATE' | 'UPDATE';
  /** The stored object on UPDATE. */
  old?: KubeObject;
  /** Reads another object (for cross-object rules); undefined when it does not exist. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
}

export interface KindDefinition<T extends KubeObject = KubeObject> {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
  namespaced: boolean;
  /** Schema of the whole object (apiVersion, kind, metadata, spec, status, …). */
  schema: TSchema;
  /** True when the kind has a `/status` subresource (status written only there). */
  hasStatus: boolean;
  /** Top-level fields that count as "spec" for generation (default: all but apiVersion/kind/metadata/status). */
  specFields?: string[];
  printerColumns: PrinterColumn[];
  /** The NAME cell when it is more than metadata.name (StorageClass prints `local (default)`). */
  nameColumn?: (obj: KubeObject) => string;
  /** The table has no Name column (Events, as the real API server prints them). */
  omitNameColumn?: boolean;
  /** Fills defaults in place (called before validation on create and update). */
  defaults?(obj: T): void;
  /** Rules beyond the schema; every bad field is reported, none stops at the first. */
  validate?(obj: T, ctx: AdmissionContext): FieldError[] | Promise<FieldError[]>;
  /** Extra verbs for discovery beyond the standard set (rare). */
  verbs?: string[];
  /** Subresources besides status served for this kind (e.g. kubevirt's start/stop), for discovery. */
  subresources?: string[];
}

export function apiVersionOf(def: Pick<KindDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** Identity helper that keeps the object type of a definition. */
export function defineKind<T extends KubeObject>(def: KindDefinition<T>): KindDefinition<T> {
  return def;
}
