// From template → Customize VirtualMachine: the page of the wizard for one template of the live
// catalog, creating in the project of the URL; a template that is not there says so.
import { Button, EmptyState, EmptyStateFooter, PageSection, Spinner, Title } from '@patternfly/react-core';
import { useWatchList } from '../../api/hooks.ts';
import { paths } from '../../api/resources.ts';
import type { Template } from '../../api/types.ts';
import { displayName } from '../../catalog/template-meta.ts';
import { useRouter, useT } from '../../context.tsx';
import { WizardLoader } from './WizardLoader.tsx';

interface Props {
  namespace: string;
  templateNamespace: string;
  template: string;
  vmName?: string;
}

export function CustomizeWizardPage({ namespace, templateNamespace, template, vmName }: Props) {
  const { t } = useT();
  const { navigate } = useRouter();
  const templates = useWatchList<Template>(paths.baseTemplates());
  const found = templates.items.find((x) => x.metadata.namespace === templateNamespace && x.metadata.name === template);
  const back = (
    <Button id="wizard-back-to-catalog" variant="link" onClick={() => navigate({ page: 'catalog', namespace })}>
      {t('wizard.backToCatalog')}
    </Button>
  );
  return (
    <PageSection isFilled id="customize-page">
      <Title headingLevel="h1">{t('wizard.title')}</Title>
      <p style={{ marginBottom: 16 }}>{t('wizard.subtitle', { template: found ? displayName(found) : template })}</p>
      {found ? (
        <WizardLoader key={`${namespace}/${templateNamespace}/${template}`} template={found} namespace={namespace} vmName={vmName} />
      ) : !templates.loaded ? (
        <Spinner size="lg" aria-label={t('wizard.loading')} />
      ) : (
        <EmptyState id="wizard-template-missing" headingLevel="h2" titleText={t('wizard.templateNotFound', { name: `${templateNamespace}/${template}` })}>
          <EmptyStateFooter>{back}</EmptyStateFooter>
        </EmptyState>
      )}
    </PageSection>
  );
}
