// The VM details Events tab: the namespace's Events (one live watch) that concern this VM, its VMI,
// launcher pods and volumes (vm/events.ts), newest first, with their type icon, reason, object,
// message, count and last time.
import { Alert, EmptyState, EmptyStateBody, Icon } from '@patternfly/react-core';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon.js';
import InfoCircleIcon from '@patternfly/react-icons/dist/esm/icons/info-circle-icon.js';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { KubeEvent, VirtualMachine, VirtualMachineInstance } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { eventCount, eventTime, vmEvents } from '../../vm/events.ts';

/** The type as its icon (Normal: info, Warning: warning), named for screen readers and on hover. */
function EventType({ type = 'Normal' }: { type?: string }) {
  const warning = type === 'Warning';
  return (
    <Icon status={warning ? 'warning' : 'info'} isInline className="event-type" data-type={type} title={type} aria-label={type}>
      {warning ? <ExclamationTriangleIcon /> : <InfoCircleIcon />}
    </Icon>
  );
}

export function VmEventsTab({ vm }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) {
  const { t, lang } = useT();
  const ns = vm.metadata.namespace ?? 'default';
  const events = useWatchList<KubeEvent>(paths.events(ns));
  const rows = useMemo(() => vmEvents(events.items, vm), [events.items, vm]);
  const fmt = (iso: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'short', timeStyle: 'medium' }) : '');
  return (
    <div id="vm-tab-events" style={{ marginTop: 16 }}>
      {events.error && <Alert variant="warning" isInline title={t('watch.error', { message: events.error })} style={{ marginBottom: 12 }} />}
      {events.loaded && rows.length === 0 ? (
        <EmptyState id="vm-events-empty" headingLevel="h3" titleText={t('events.empty')}>
          <EmptyStateBody>{t('events.emptyBody')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table id="vm-events" aria-label={t('details.events')} variant="compact">
          <Thead>
            <Tr>
              <Th modifier="nowrap">{t('events.type')}</Th>
              <Th modifier="nowrap">{t('events.reason')}</Th>
              <Th modifier="wrap">{t('events.object')}</Th>
              <Th modifier="wrap">{t('events.message')}</Th>
              <Th modifier="nowrap">{t('events.count')}</Th>
              <Th modifier="nowrap">{t('events.lastSeen')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((e) => (
              <Tr key={e.metadata.name} data-reason={e.reason} data-kind={e.involvedObject.kind}>
                <Td dataLabel={t('events.type')}>
                  <EventType type={e.type} />
                </Td>
                <Td dataLabel={t('events.reason')}>
                  {e.reason}
                </Td>
                <Td dataLabel={t('events.object')} className="event-object">
                  <div style={{ wordBreak: 'break-all' }}>{e.involvedObject.name}</div>
                  <small style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>{e.involvedObject.kind}</small>
                </Td>
                <Td dataLabel={t('events.message')}>
                  {e.message}
                </Td>
                <Td dataLabel={t('events.count')}>{eventCount(e)}</Td>
                <Td dataLabel={t('events.lastSeen')}>
                  {fmt(eventTime(e))}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}
