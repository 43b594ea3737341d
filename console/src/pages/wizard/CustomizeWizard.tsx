// Customize VirtualMachine (seed 002's wizard) as a PatternFly Wizard: General, Networking, Storage,
// Advanced and Review. It holds the form state (first filled from the processed template), works out
// what the fields choose from and what is wrong, and lets a step be left only when it is complete;
// Review shows the resulting VM and Create posts it.
import { Wizard, WizardStep, type WizardStepType } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { Template } from '../../api/types.ts';
import { bootSource as bootSourceOf } from '../../catalog/boot-source.ts';
import { useRouter, useT } from '../../context.tsx';
import { CLOUD_INIT_DISK, userDataOf } from '../../wizard/cloud-init.ts';
import type { Processed } from '../../wizard/create.ts';
import { flavorPresets } from '../../wizard/flavor.ts';
import { DEFAULT_ROOT_SIZE, initialState } from '../../wizard/initial-state.ts';
import { reachable, STEPS, wizardProblems, type StepId } from '../../wizard/problems.ts';
import type { WizardDisk } from '../../wizard/state.ts';
import { isCloudInit } from '../../wizard/vm-shape.ts';
import { AdvancedStep } from './AdvancedStep.tsx';
import { GeneralStep } from './GeneralStep.tsx';
import { NetworkingStep } from './NetworkingStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { stepFooter } from './step-footer.ts';
import { StorageStep } from './StorageStep.tsx';
import { useReview } from './use-review.ts';
import { useWizardData } from './use-wizard-data.ts';
import { WizardModelContext, type WizardModel } from './wizard-model.ts';

/** The boot disk a template without one gets when the source asks for a disk. */
const NEW_ROOT: WizardDisk = { id: 'rootdisk', name: 'rootdisk', source: 'root', url: '', image: '', pvcNamespace: '', pvcName: '', size: { ...DEFAULT_ROOT_SIZE }, type: 'disk', bus: 'virtio', storageClass: '', volumeMode: '', accessMode: '' };

export function CustomizeWizard({ template, namespace, initial, name }: { template: Template; namespace: string; initial: Processed; name?: string }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [state, setState] = useState(() => initialState(template, initial.vm, name ?? initial.vm.metadata.name));
  const [rootDisk] = useState(() => state.disks.find((d) => d.source === 'root') ?? NEW_ROOT);
  const [active, setActive] = useState<StepId>('general');
  const review = useReview({ template, values: initial.values, state, namespace, active: active === 'review' });
  const data = useWizardData(namespace, {
    creating: review.creating,
    nads: state.general.source === 'pxe' || active === 'networking',
    storageClasses: active === 'storage' || active === 'review',
  });
  const bootSource = useMemo(() => bootSourceOf(template, data.dataSources, data.dataSourcesLoaded), [template, data.dataSources, data.dataSourcesLoaded]);
  const presets = useMemo(() => flavorPresets(template, data.templates), [template, data.templates]);
  const cloudVolume = initial.vm.spec.template.spec.volumes?.find(isCloudInit);
  const reservedDiskNames = useMemo(() => [cloudVolume?.name ?? CLOUD_INIT_DISK], [cloudVolume]);
  const problems = useMemo(
    () => wizardProblems(state, { taken: data.taken, bootSource, nads: data.nads, reservedDiskNames }),
    [state, data.taken, bootSource, data.nads, reservedDiskNames],
  );
  const busy = review.creating;
  const model: WizardModel = {
    template,
    namespace,
    state,
    update: setState,
    data,
    bootSource,
    presets,
    rootDisk,
    baseUserData: userDataOf(cloudVolume),
    reservedDiskNames,
    problems,
    busy,
  };
  const ok = problems.ok;
  const status = (s: Exclude<StepId, 'review'>) => (ok[s] ? 'default' : 'error');
  const footer = (s: Exclude<StepId, 'review'>) => stepFooter(t, { nextDisabled: !ok[s] || busy, nextText: s === 'advanced' ? 'wizard.reviewAndCreate' : undefined });
  const onStepChange = (_e: unknown, step: WizardStepType) => setActive(STEPS.find((s) => s === step.id) ?? 'general');
  return (
    <WizardModelContext.Provider value={model}>
      <Wizard
        id="customize-wizard"
        navAriaLabel={t('wizard.title')}
        onStepChange={onStepChange}
        onClose={() => navigate({ page: 'catalog', namespace })}
        onSave={() => review.create()}
        style={{ minHeight: 'calc(100vh - 220px)' }}
      >
        <WizardStep id="general" name={t('wizard.stepGeneral')} status={status('general')} footer={footer('general')}>
          <GeneralStep />
        </WizardStep>
        <WizardStep id="networking" name={t('wizard.stepNetworking')} status={status('networking')} isDisabled={!reachable(ok, 'networking')} footer={footer('networking')}>
          <NetworkingStep />
        </WizardStep>
        <WizardStep id="storage" name={t('wizard.stepStorage')} status={status('storage')} isDisabled={!reachable(ok, 'storage')} footer={footer('storage')}>
          <StorageStep />
        </WizardStep>
        <WizardStep id="advanced" name={t('wizard.stepAdvanced')} status={status('advanced')} isDisabled={!reachable(ok, 'advanced')} footer={footer('advanced')}>
          <AdvancedStep />
        </WizardStep>
        <WizardStep
          id="review"
          name={t('wizard.stepReview')}
          isDisabled={!reachable(ok, 'review')}
          footer={stepFooter(t, { nextDisabled: !review.built || busy || !reachable(ok, 'review'), nextText: 'wizard.create', loading: busy })}
        >
          <ReviewStep review={review} />
        </WizardStep>
      </Wizard>
    </WizardModelContext.Provider>
  );
}
