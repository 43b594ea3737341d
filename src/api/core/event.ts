// core/v1 Event: what controllers and node agents report about objects (`kubectl get events`,
// the Events section of `kubectl describe`). Top-level fields, no spec or status.
import { Type } from '@sinclair/typebox';
import { defineKind, type FieldError } from '../../machinery/kind.ts';
import { FreeFormSchema, objectSchema, type KubeObject } from '../../machinery/object.ts';
import { dig, str } from './cells.ts';
import { stringEnum } from './enum.ts';

const Timestamp = Type.Union([Type.String({ description: 'RFC 3339 time.' }), Type.Null()]);

export const ObjectReferenceSchema = Type.Object(
  {
    kind: Type.Optional(Type.String()),
    namespace: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    uid: Type.Optional(Type.String()),
    apiVersion: Type.Optional(Type.String()),
    resourceVersion: Type.Optional(Type.String()),
    fieldPath: Type.Optional(Type.String({ description: 'Part of the object, e.g. spec.containers{name}.' })),
  },
  { additionalProperties: false },
);

export const EventSchema = objectSchema({
  extra: {
    involvedObject: ObjectReferenceSchema,
    reason: Type.Optional(Type.String({ description: 'Short, machine-understandable reason, e.g. Started.' })),
    message: Type.Optional(Type.String()),
    type: Type.Optional(stringEnum(['Normal', 'Warning'])),
    count: Type.Optional(Type.Integer({ minimum: 0 })),
    firstTimestamp: Type.Optional(Timestamp),
    lastTimestamp: Type.Optional(Timestamp),
    eventTime: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    series: Type.Optional(FreeFormSchema),
    source: Type.Optional(
      Type.Object({ component: Type.Optional(Type.String()), host: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
    reportingComponent: Type.Optional(Type.String()),
    reportingInstance: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    related: Type.Optional(ObjectReferenceSchema),
  },
  description: 'Event is a report of an event somewhere in the cluster.',
});

export type Event = KubeObject & {
  involvedObject: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning';
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
};

/** LAST SEEN: lastTimestamp, else the newer-API eventTime/series time, else firstTimestamp. */
function lastSeen(o: KubeObject): string | undefined {
  return str(o.lastTimestamp) ?? str(dig(o, 'series', 'lastObservedTime')) ?? str(o.eventTime) ?? str(o.firstTimestamp);
}

/** OBJECT as kubectl prints it: lower-cased kind and name, "virtualmachine/fedora01". */
export function eventObject(o: KubeObject): string {
  const ref = (o as Event).involvedObject ?? {};
  return `${(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}`;
}

function eventSource(o: KubeObject): string {
  const e = o as Event;
  const component = e.source?.component || e.reportingComponent || '';
  return e.source?.host ? `${component}, ${e.source.host}` : component;
}

export const eventKind = defineKind<Event>({
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  schema: EventSchema,
  hasStatus: false,
  specFields: [],
  // The real table has no leading NAME column; Name is a wide column at the end.
  omitNameColumn: true,
  printerColumns: [
    { name: 'Last Seen', type: 'date', jsonPath: '.lastTimestamp', description: 'Time the event was last seen.', value: lastSeen },
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Reason', type: 'string', jsonPath: '.reason' },
    { name: 'Object', type: 'string', jsonPath: '.involvedObject.name', description: 'kind/name of the involved object.', value: eventObject },
    { name: 'Subobject', type: 'string', jsonPath: '.involvedObject.fieldPath', priority: 1 },
    { name: 'Source', type: 'string', jsonPath: '.source.component', priority: 1, value: eventSource },
    { name: 'Message', type: 'string', jsonPath: '.message' },
    { name: 'First Seen', type: 'date', jsonPath: '.firstTimestamp', priority: 1 },
    { name: 'Count', type: 'integer', jsonPath: '.count', priority: 1 },
    { name: 'Name', type: 'string', jsonPath: '.metadata.name', priority: 1 },
  ],
  defaults(ev) {
    ev.type ||= 'Normal';
    ev.count ??= 1;
  },
  validate(ev) {
    const errs: FieldError[] = [];
    const ns = ev.metadata.namespace;
    const refNs = ev.involvedObject.namespace;
    // Events live with their object; cluster-scoped objects' events go to "default".
    if (refNs ? refNs !== ns : ns !== undefined && ns !== 'default') {
      errs.push({ field: 'involvedObject.namespace', message: `Invalid value: "${refNs ?? ''}": does not match event.namespace`, reason: 'FieldValueInvalid' });
    }
    if (!ev.involvedObject.kind) errs.push({ field: 'involvedObject.kind', message: 'Required value', reason: 'FieldValueRequired' });
    if (!ev.involvedObject.name) errs.push({ field: 'involvedObject.name', message: 'Required value', reason: 'FieldValueRequired' });
    return errs;
  },
});
