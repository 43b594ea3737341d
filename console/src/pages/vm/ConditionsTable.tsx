// A status conditions table (type, status, reason, message, last transition), as the VM and VMI
// report them.
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Condition } from '../../api/types.ts';
import { useT } from '../../context.tsx';

export function ConditionsTable({ id, label, conditions }: { id: string; label: string; conditions: readonly Condition[] }) {
  const { t, lang } = useT();
  const fmt = (iso?: string) => (iso ? new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') : '');
  if (conditions.length === 0) return <p id={id}>{t('diag.noConditions')}</p>;
  return (
    <Table id={id} aria-label={label} variant="compact">
      <Thead>
        <Tr>
          <Th modifier="nowrap">{t('diag.type')}</Th>
          <Th modifier="nowrap">{t('diag.status')}</Th>
          <Th modifier="wrap">{t('diag.reason')}</Th>
          <Th modifier="wrap">{t('diag.message')}</Th>
          <Th modifier="nowrap">{t('diag.lastTransition')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {conditions.map((c) => (
          <Tr key={c.type} data-condition={c.type} data-status={c.status}>
            <Td dataLabel={t('diag.type')}>{c.type}</Td>
            <Td dataLabel={t('diag.status')}>{c.status}</Td>
            <Td dataLabel={t('diag.reason')} modifier="breakWord">
              {c.reason}
            </Td>
            <Td dataLabel={t('diag.message')} modifier="breakWord">
              {c.message}
            </Td>
            <Td dataLabel={t('diag.lastTransition')} modifier="nowrap">
              {fmt(c.lastTransitionTime)}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
