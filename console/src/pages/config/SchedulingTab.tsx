// Scheduling: node selector, tolerations and eviction strategy (each edited in a dialog), the
// affinity rules (shown as the VM states them) and dedicated resources.
import { CodeBlock, CodeBlockCode, DescriptionList, Label, LabelGroup } from '@patternfly/react-core';
import { useState } from 'react';
import { stringify } from 'yaml';
import type { VirtualMachine } from '../../api/types.ts';
import { affinityRuleCount, dedicatedOf, evictionOf, tolerationRows } from '../../config/scheduling.ts';
import { asConfigVm, templateSpecOf } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { DetailItem } from '../vm/DetailItem.tsx';
import { EditButton } from './EditButton.tsx';
import { EvictionModal } from './EvictionModal.tsx';
import { NodeSelectorModal } from './NodeSelectorModal.tsx';
import { TolerationsModal } from './TolerationsModal.tsx';

type Dialog = 'nodeSelector' | 'tolerations' | 'eviction';

export function SchedulingTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [dialog, setDialog] = useState<Dialog>();
  const c = asConfigVm(vm);
  const spec = templateSpecOf(c);
  const selector = Object.entries(spec.nodeSelector ?? {});
  const tolerations = tolerationRows(c);
  const rules = affinityRuleCount(c);
  const eviction = evictionOf(c);
  const dedicated = dedicatedOf(c);
  const close = () => setDialog(undefined);
  return (
    <>
      <DescriptionList>
        <DetailItem label={t('config.nodeSelector')} id="config-node-selector">
          {selector.length > 0 && (
            <LabelGroup numLabels={10}>
              {selector.map(([k, v]) => (
                <Label key={k} data-selector={k}>{`${k}=${v}`}</Label>
              ))}
            </LabelGroup>
          )}
          <EditButton id="config-edit-node-selector" label={t('config.editNodeSelector')} onClick={() => setDialog('nodeSelector')}>
            {selector.length === 0 ? t('config.noNodeSelector') : t('config.edit')}
          </EditButton>
        </DetailItem>
        <DetailItem label={t('config.tolerations')} id="config-tolerations">
          {tolerations.length > 0 && (
            <LabelGroup numLabels={10}>
              {tolerations.map((r, i) => (
                <Label key={i}>{`${r.key || '*'}${r.operator === 'Equal' ? `=${r.value}` : ''}${r.effect ? `:${r.effect}` : ''}`}</Label>
              ))}
            </LabelGroup>
          )}
          <EditButton id="config-edit-tolerations" label={t('config.editTolerations')} onClick={() => setDialog('tolerations')}>
            {tolerations.length === 0 ? t('config.noTolerations') : t('config.edit')}
          </EditButton>
        </DetailItem>
        <DetailItem label={t('config.affinity')} id="config-affinity">
          {rules === 0 ? (
            t('config.noAffinity')
          ) : (
            <>
              {t('config.affinityCount', { count: rules })}
              <CodeBlock>
                <CodeBlockCode>{stringify(spec.affinity)}</CodeBlockCode>
              </CodeBlock>
            </>
          )}
        </DetailItem>
        <DetailItem label={t('config.dedicated')} id="config-dedicated">
          {t(dedicated.dedicated ? (dedicated.isolateEmulatorThread ? 'config.dedicatedIsolated' : 'config.dedicatedOn') : 'config.dedicatedOff')}
        </DetailItem>
        <DetailItem label={t('config.eviction')} id="config-eviction">
          <EditButton id="config-edit-eviction" label={t('config.editEviction')} onClick={() => setDialog('eviction')}>
            {eviction || t('config.evictionDefault')}
          </EditButton>
        </DetailItem>
      </DescriptionList>
      {dialog === 'nodeSelector' && <NodeSelectorModal vm={vm} onClose={close} />}
      {dialog === 'tolerations' && <TolerationsModal vm={vm} onClose={close} />}
      {dialog === 'eviction' && <EvictionModal vm={vm} onClose={close} />}
    </>
  );
}
