// The Quick create panel's "Template info": what the VM will be — OS, workload, flavor, CPU and
// memory, root disk size, NICs and disks, and where its boot disk comes from.
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { Template } from '../../api/types.ts';
import type { BootSource } from '../../catalog/boot-source.ts';
import { description, osName, providerName, templateFlavor, templateWorkload } from '../../catalog/template-meta.ts';
import { readableSize, templateVm, vmSize } from '../../catalog/template-vm.ts';
import { useT } from '../../context.tsx';

export function TemplateInfo({ template, source }: { template: Template; source: BootSource }) {
  const { t } = useT();
  const size = vmSize(templateVm(template));
  const workload = templateWorkload(template);
  const flavor = templateFlavor(template);
  const item = (label: string, value: ReactNode, id: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription id={id}>{value || '–'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  const sourceText =
    source.state === 'noDataSource' ? (
      t('quick.sourceInTemplate')
    ) : source.state === 'loading' ? (
      t('quick.sourceLoading')
    ) : (
      <>
        {`${source.ref.namespace}/${source.ref.name}`}{' '}
        <Label isCompact color={source.state === 'available' ? 'blue' : 'grey'}>
          {t(source.state === 'available' ? 'catalog.sourceAvailable' : 'quick.sourceNotAvailable')}
        </Label>
      </>
    );
  return (
    <DescriptionList isCompact id="template-info" aria-label={t('quick.templateInfo')}>
      {item(t('catalog.os'), osName(template), 'info-os')}
      {item(t('quick.workloadType'), workload && t(`workload.${workload}`), 'info-workload')}
      {item(t('quick.flavor'), flavor && flavor[0].toUpperCase() + flavor.slice(1), 'info-flavor')}
      {item(t('quick.cpuMemory'), t('quick.cpuMemoryValue', { cpus: size.cpus, memory: readableSize(size.memory) || '–' }), 'info-cpu-memory')}
      {item(t('quick.storage'), readableSize(size.storage), 'info-storage')}
      {item(t('quick.bootSource'), sourceText, 'info-boot-source')}
      {item(t('quick.nics'), String(size.nics), 'info-nics')}
      {item(t('quick.disks'), String(size.disks), 'info-disks')}
      {item(t('quick.provider'), providerName(template), 'info-provider')}
      {item(t('quick.templateProject'), template.metadata.namespace, 'info-template-project')}
      {item(t('quick.description'), description(template), 'info-description')}
    </DescriptionList>
  );
}
