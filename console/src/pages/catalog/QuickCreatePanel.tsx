// The drawer panel a tile opens (OpenShift's Quick create overlay): the template's icon, name and
// provider, its info, and the Quick create form.
import { DrawerActions, DrawerCloseButton, DrawerHead, DrawerPanelBody, DrawerPanelContent, Flex, Title } from '@patternfly/react-core';
import type { Template } from '../../api/types.ts';
import type { BootSource } from '../../catalog/boot-source.ts';
import { displayName, iconClass } from '../../catalog/template-meta.ts';
import { useT } from '../../context.tsx';
import { QuickCreateForm } from './QuickCreateForm.tsx';
import { TemplateIcon } from './TemplateIcon.tsx';
import { TemplateInfo } from './TemplateInfo.tsx';

interface Props {
  template: Template;
  source: BootSource;
  namespace: string;
  onClose: () => void;
}

export function QuickCreatePanel({ template, source, namespace, onClose }: Props) {
  const { t } = useT();
  return (
    <DrawerPanelContent widths={{ default: 'width_50' }} id="quick-create-panel" data-template={template.metadata.name}>
      <DrawerHead>
        <Flex gap={{ default: 'gapMd' }} alignItems={{ default: 'alignItemsCenter' }}>
          <TemplateIcon iconClass={iconClass(template)} size={48} />
          <div>
            <Title headingLevel="h2" id="quick-create-title">
              {displayName(template)}
            </Title>
            <span style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>{template.metadata.name}</span>
          </div>
        </Flex>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} aria-label={t('quick.close')} />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        <Flex direction={{ default: 'column' }} gap={{ default: 'gapLg' }}>
          {/* Keyed by template: another tile starts a fresh form with its own random name. */}
          <QuickCreateForm key={`${template.metadata.namespace}/${template.metadata.name}`} template={template} source={source} namespace={namespace} onCancel={onClose} />
          <div>
            <Title headingLevel="h3" size="md" style={{ marginBottom: 8 }}>
              {t('quick.templateInfo')}
            </Title>
            <TemplateInfo template={template} source={source} />
          </div>
        </Flex>
      </DrawerPanelBody>
    </DrawerPanelContent>
  );
}
