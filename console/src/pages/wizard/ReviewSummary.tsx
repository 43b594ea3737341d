// The Review step's summary of everything the steps set, section by section, each setting with the
// API's messages about it (a failed create's causes, traced to the rows they name).
import { displayName, osName } from '../../catalog/template-meta.ts';
import { readableSize } from '../../catalog/template-vm.ts';
import { useT } from '../../context.tsx';
import { sshKeyLines } from '../../wizard/cloud-init.ts';
import { bootOrderOf, diskSourceDetail, diskSourceLabel } from '../../wizard/describe.ts';
import { sized } from '../../wizard/disk-rules.ts';
import { bindingOf } from '../../wizard/nics.ts';
import { readable } from '../../wizard/size.ts';
import { quantity } from '../../wizard/state.ts';
import { ReviewRow } from './ReviewRow.tsx';
import { ReviewSection } from './ReviewSection.tsx';
import { useWizardModel } from './wizard-model.ts';

export function ReviewSummary({ errors }: { errors: ReadonlyMap<string, string[]> }) {
  const { t } = useT();
  const { template, namespace, state, bootSource, data } = useWizardModel();
  const g = state.general;
  const ci = state.cloudInit;
  const ref = 'ref' in bootSource ? `${bootSource.ref.namespace}/${bootSource.ref.name}` : undefined;
  const pxe = g.source === 'pxe';
  const defaultClass = data.storageClasses.find((c) => c.isDefault)?.name ?? '';
  const sourceText = g.source === 'url' ? g.url : g.source === 'container' ? g.image : g.source === 'disk' ? `${g.pvcNamespace}/${g.pvcName}` : g.source === 'template' ? (ref ?? '') : '';
  const e = (row: string) => errors.get(row);
  return (
    <>
      <ReviewSection step="general" title={t('wizard.stepGeneral')}>
        <ReviewRow row="general:template" label={t('wizard.template')} value={`${displayName(template)} (${template.metadata.name})`} />
        <ReviewRow row="general:project" label={t('catalog.project')} value={namespace} errors={e('general:project')} />
        <ReviewRow row="general:source" label={t('wizard.source')} value={`${t(`wizard.source.${g.source}`)}${sourceText ? `: ${sourceText}` : ''}`} />
        <ReviewRow row="general:os" label={t('wizard.os')} value={osName(template)} />
        <ReviewRow row="general:flavor" label={t('wizard.flavor')} value={t(`wizard.flavor.${g.flavor}`)} />
        <ReviewRow row="general:cpu" label={t('wizard.cpu')} value={g.cpus} errors={e('general:cpu')} />
        <ReviewRow row="general:memory" label={t('wizard.memory')} value={readableSize(quantity(g.memory))} errors={e('general:memory')} />
        <ReviewRow row="general:workload" label={t('wizard.workload')} value={t(`workload.${g.workload}`)} />
        <ReviewRow row="general:name" label={t('wizard.name')} value={g.name} errors={e('general:name')} />
        <ReviewRow row="general:description" label={t('wizard.description')} value={g.description} errors={e('general:description')} />
        <ReviewRow row="general:start" label={t('quick.start')} value={t(g.start ? 'wizard.yes' : 'wizard.no')} errors={e('general:start')} />
      </ReviewSection>
      <ReviewSection step="networking" title={t('wizard.stepNetworking')}>
        {state.nics.length === 0 && <ReviewRow row="nics" label={t('wizard.nics')} value={t('wizard.none')} />}
        {state.nics.map((n) => (
          <ReviewRow
            key={n.id}
            row={`nic:${n.id}`}
            label={n.name}
            value={[n.model, n.network || t('wizard.podNetwork'), t(`wizard.binding.${bindingOf(n)}`), n.mac].filter(Boolean).join(' · ')}
            errors={e(`nic:${n.id}`)}
          />
        ))}
      </ReviewSection>
      <ReviewSection step="storage" title={t('wizard.stepStorage')}>
        {state.disks.length === 0 && <ReviewRow row="disks" label={t('wizard.disks')} value={t('wizard.none')} />}
        {state.disks.map((d) => {
          const label = diskSourceLabel(d, g, ref);
          const order = bootOrderOf(d, state.bootDisk, pxe);
          const parts = [
            [t(label.key, label.vars), diskSourceDetail(d)].filter(Boolean).join(' '),
            sized(d) ? readable(d.size) : '',
            d.type === 'cdrom' ? t('wizard.diskType.cdrom') : '',
            d.bus,
            sized(d) && d.source !== 'template' ? d.storageClass || defaultClass : '',
            order ? `${t('wizard.bootOrder')} ${order}` : '',
          ];
          return <ReviewRow key={d.id} row={`disk:${d.id}`} label={d.name} value={parts.filter(Boolean).join(' · ')} errors={e(`disk:${d.id}`)} />;
        })}
      </ReviewSection>
      <ReviewSection step="advanced" title={t('wizard.stepAdvanced')}>
        <ReviewRow
          row="advanced:cloudinit"
          label={t('wizard.cloudInit')}
          value={ci.custom ? t('wizard.customScriptLines', { lines: ci.script.split('\n').length }) : t('wizard.cloudInitForm')}
          errors={e('advanced:cloudinit')}
        />
        {!ci.custom && <ReviewRow row="advanced:hostname" label={t('wizard.hostname')} value={ci.hostname.trim() || t('wizard.notConfigured')} errors={e('advanced:hostname')} />}
        {!ci.custom && <ReviewRow row="advanced:sshKeys" label={t('wizard.sshKeys')} value={t('wizard.sshKeysCount', { count: sshKeyLines(ci.sshKeys).length })} />}
        <ReviewRow row="advanced:eviction" label={t('wizard.eviction')} value={state.evictionStrategy || t('wizard.eviction.default')} errors={e('advanced:eviction')} />
      </ReviewSection>
    </>
  );
}
