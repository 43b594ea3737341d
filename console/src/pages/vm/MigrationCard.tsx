// The details Overview's Migration tile: the VM's current or last live migration — source → target
// node, phase and progress while it runs; afterwards how it ended (with the downtime, or the reason).
// Live from the VMI's and the migrations' watches.
import { Card, CardBody, CardTitle, DescriptionList, Progress, ProgressSize } from '@patternfly/react-core';
import type { VirtualMachineInstance, VirtualMachineInstanceMigration } from '../../api/types.ts';
import { useT } from '../../context.tsx';
import { migrationView, type MigrationOutcome } from '../../vm/migration.ts';
import { DetailItem } from './DetailItem.tsx';

export function MigrationCard({ vmi, migrations }: { vmi?: VirtualMachineInstance; migrations: readonly VirtualMachineInstanceMigration[] }) {
  const { t } = useT();
  const v = migrationView(vmi, migrations);
  const result = (o: MigrationOutcome): string => {
    if (o.kind === 'succeeded') return t('migration.succeeded');
    const reason = o.reason || t('migration.noReason');
    return o.kind === 'cancelled' ? t('migration.cancelled', { reason }) : t('migration.failed', { reason });
  };
  return (
    <Card id="card-migration">
      <CardTitle>{t('migration.title')}</CardTitle>
      <CardBody>
        {!v ? (
          <span id="migration-none">{t('migration.none')}</span>
        ) : (
          <DescriptionList isCompact columnModifier={{ default: '2Col' }}>
            <DetailItem label={t('migration.nodes')} id="migration-nodes">
              {v.sourceNode || v.targetNode ? `${v.sourceNode ?? '…'} → ${v.targetNode ?? '…'}` : ''}
            </DetailItem>
            <DetailItem label={t('migration.phase')} id="migration-phase">
              {v.phase}
              {v.cancelling && !v.outcome ? ` — ${t('migration.cancelling')}` : ''}
            </DetailItem>
            {v.outcome ? (
              <DetailItem label={t('migration.result')} id="migration-result">
                <span data-outcome={v.outcome.kind}>{result(v.outcome)}</span>
              </DetailItem>
            ) : (
              <DetailItem label={t('migration.progress')} id="migration-progress">
                <Progress value={v.progress} size={ProgressSize.sm} aria-label={t('migration.progress')} />
              </DetailItem>
            )}
            {v.outcome?.kind === 'succeeded' && v.outcome.downtimeMs !== undefined && (
              <DetailItem label={t('migration.downtime')} id="migration-downtime">
                {t('migration.downtimeValue', { ms: v.outcome.downtimeMs })}
              </DetailItem>
            )}
            <DetailItem label={t('migration.targetPod')} id="migration-target-pod">
              {v.targetPod}
            </DetailItem>
            {v.name && (
              <DetailItem label={t('migration.object')} id="migration-name">
                {v.name}
              </DetailItem>
            )}
          </DescriptionList>
        )}
      </CardBody>
    </Card>
  );
}
