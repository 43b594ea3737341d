// Metadata: the VM's labels and annotations, each list edited in its own dialog.
import { Card, CardBody, CardTitle, Flex, Label, LabelGroup, Title } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import type { MapKind } from '../../config/labels.ts';
import { useT } from '../../context.tsx';
import { EditButton } from './EditButton.tsx';
import { LabelsModal } from './LabelsModal.tsx';

export function MetadataTab({ vm }: { vm: VirtualMachine }) {
  const { t } = useT();
  const [editing, setEditing] = useState<MapKind>();
  const section = (kind: MapKind) => {
    const entries = Object.entries(vm.metadata[kind] ?? {});
    const labels = kind === 'labels';
    return (
      <Card isPlain id={`config-${kind}`}>
        <CardTitle>
          <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
            <Title headingLevel="h3">{t(labels ? 'config.labels' : 'config.annotations')}</Title>
            <EditButton id={`config-edit-${kind}`} label={t(labels ? 'config.editLabels' : 'config.editAnnotations')} onClick={() => setEditing(kind)}>
              {t('config.edit')}
            </EditButton>
          </Flex>
        </CardTitle>
        <CardBody>
          {entries.length === 0 ? (
            <span className="config-empty">{t(labels ? 'config.noLabels' : 'config.noAnnotations')}</span>
          ) : labels ? (
            <LabelGroup numLabels={20} id="config-label-list">
              {entries.map(([k, v]) => (
                <Label key={k} data-label={k}>
                  {v === '' ? k : `${k}=${v}`}
                </Label>
              ))}
            </LabelGroup>
          ) : (
            <ul id="config-annotation-list">
              {entries.map(([k, v]) => (
                <li key={k} style={{ wordBreak: 'break-all' }}>
                  <code>{k}</code>: {v}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    );
  };
  return (
    <>
      {section('labels')}
      {section('annotations')}
      {editing && <LabelsModal vm={vm} kind={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
