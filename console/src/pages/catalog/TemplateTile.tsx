// One catalog tile, as OpenShift's: OS icon, display name and provider, the "Source available" and
// "Deprecated" badges, the description; the whole card opens the Quick create panel.
import { Badge, Card, CardBody, CardFooter, CardHeader, CardTitle, Flex, Label } from '@patternfly/react-core';
import type { Template } from '../../api/types.ts';
import { description, displayName, iconClass, isDeprecated, providerName } from '../../catalog/template-meta.ts';
import { useT } from '../../context.tsx';
import { TemplateIcon } from './TemplateIcon.tsx';

interface Props {
  template: Template;
  sourceAvailable: boolean;
  selected: boolean;
  onOpen: (t: Template) => void;
}

export function TemplateTile({ template, sourceAvailable, selected, onOpen }: Props) {
  const { t } = useT();
  const name = template.metadata.name;
  const titleId = `tile-title-${name}`;
  return (
    <Card
      isClickable
      isSelected={selected}
      isFullHeight
      className="template-tile"
      data-template={name}
      data-namespace={template.metadata.namespace}
      data-source-available={String(sourceAvailable)}
    >
      <CardHeader selectableActions={{ onClickAction: () => onOpen(template), selectableActionAriaLabelledby: titleId }}>
        <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <TemplateIcon iconClass={iconClass(template)} />
          {sourceAvailable && <Badge className="source-available">{t('catalog.sourceAvailable')}</Badge>}
          {isDeprecated(template) && (
            <Label isCompact color="orange">
              {t('catalog.deprecated')}
            </Label>
          )}
        </Flex>
      </CardHeader>
      <CardTitle id={titleId}>
        {displayName(template)}
        <div style={{ fontWeight: 400, fontSize: 14, color: 'var(--pf-t--global--text--color--subtle)' }}>{providerName(template)}</div>
      </CardTitle>
      <CardBody style={{ fontSize: 14 }}>{description(template)}</CardBody>
      <CardFooter style={{ fontSize: 12, color: 'var(--pf-t--global--text--color--subtle)' }}>{name}</CardFooter>
    </Card>
  );
}
