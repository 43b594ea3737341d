// Details: description, CPU | memory, machine type, boot mode, hostname, headless mode and the
// boot order (read-only); all but the machine type and the boot order are edited in dialogs.
import { DescriptionList, Grid, GridItem, List, ListComponent, ListItem, OrderType } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { bootModeOf, bootOrderOf, descriptionOps, headlessOf, hostnameOps, memoryOf, vcpusOf } from '../../config/details.ts';
import { asConfigVm, templateSpecOf } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { dnsLabelProblems } from '../../wizard/field-rules.ts';
import { DetailItem } from '../vm/DetailItem.tsx';
import { BootModeModal } from './BootModeModal.tsx';
import { CpuMemoryModal } from './CpuMemoryModal.tsx';
import { EditButton } from './EditButton.tsx';
import { HeadlessModal } from './HeadlessModal.tsx';
import { TextFieldModal } from './TextFieldModal.tsx';

type Dialog = 'description' | 'cpuMemory' | 'bootMode' | 'hostname' | 'headless';

const hostnameProblems = (v: string) =>
  v.trim() === ''
    ? []
    : dnsLabelProblems(v.trim(), { empty: { key: 'wizard.hostnameChars' }, chars: { key: 'wizard.hostnameChars' }, ends: { key: 'wizard.hostnameEnds' }, tooLong: { key: 'wizard.hostnameTooLong' } });

export function DetailsTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [dialog, setDialog] = useState<Dialog>();
  const c = asConfigVm(vm);
  const spec = templateSpecOf(c);
  const description = vm.metadata.annotations?.description ?? '';
  const memory = memoryOf(c);
  const boot = bootOrderOf(c);
  const close = () => setDialog(undefined);
  return (
    <>
      <Grid hasGutter>
        <GridItem md={6}>
          <DescriptionList>
            <DetailItem label={t('config.description')} id="config-description">
              <EditButton id="config-edit-description" label={t('config.editDescription')} onClick={() => setDialog('description')}>
                {description || t('details.none')}
              </EditButton>
            </DetailItem>
            <DetailItem label={t('config.cpuMemory')} id="config-cpu-memory">
              <EditButton id="config-edit-cpu-memory" label={t('config.editCpuMemory')} onClick={() => setDialog('cpuMemory')}>
                {`${vcpusOf(c)} CPU | ${memory ? `${memory} Memory` : '–'}`}
              </EditButton>
            </DetailItem>
            <DetailItem label={t('config.machineType')} id="config-machine-type">
              {spec.domain?.machine?.type ?? t('config.machineDefault')}
            </DetailItem>
            <DetailItem label={t('config.bootMode')} id="config-boot-mode">
              <EditButton id="config-edit-boot-mode" label={t('config.editBootMode')} onClick={() => setDialog('bootMode')}>
                {t(`config.bootMode.${bootModeOf(c)}`)}
              </EditButton>
            </DetailItem>
          </DescriptionList>
        </GridItem>
        <GridItem md={6}>
          <DescriptionList>
            <DetailItem label={t('config.hostname')} id="config-hostname">
              <EditButton id="config-edit-hostname" label={t('config.editHostname')} onClick={() => setDialog('hostname')}>
                {spec.hostname ?? t('config.hostnameDefault', { name: vm.metadata.name })}
              </EditButton>
            </DetailItem>
            <DetailItem label={t('config.headless')} id="config-headless">
              <EditButton id="config-edit-headless" label={t('config.headless')} onClick={() => setDialog('headless')}>
                {t(headlessOf(c) ? 'config.on' : 'config.off')}
              </EditButton>
            </DetailItem>
            <DetailItem label={t('config.bootOrder')} id="config-boot-order">
              {boot.length > 0 && (
                <List component={ListComponent.ol} type={OrderType.number}>
                  {boot.map((e) => (
                    <ListItem key={`${e.kind}-${e.name}`}>{t(e.kind === 'disk' ? 'config.bootDisk' : 'config.bootNic', { name: e.name })}</ListItem>
                  ))}
                </List>
              )}
            </DetailItem>
          </DescriptionList>
        </GridItem>
      </Grid>
      {dialog === 'description' && (
        <TextFieldModal id="description-modal" title={t('config.editDescription')} label={t('config.description')} vm={vm} initial={description} multiline build={descriptionOps} onClose={close} />
      )}
      {dialog === 'cpuMemory' && <CpuMemoryModal vm={vm} onClose={close} />}
      {dialog === 'bootMode' && <BootModeModal vm={vm} onClose={close} />}
      {dialog === 'hostname' && (
        <TextFieldModal id="hostname-modal" title={t('config.editHostname')} label={t('config.hostname')} vm={vm} initial={spec.hostname ?? ''} problems={hostnameProblems} build={hostnameOps} onClose={close} />
      )}
      {dialog === 'headless' && <HeadlessModal vm={vm} onClose={close} />}
    </>
  );
}
