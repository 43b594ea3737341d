// key=value rows (labels, annotations, node selector) with each row's problems shown as typed.
import { Button, Flex, FlexItem, TextInput } from '@patternfly/react-core';
import MinusCircleIcon from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon.js';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon.js';
import type { KeyValueRow } from '../../config/labels.ts';
import type { Message } from '../../catalog/message.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';

interface Props {
  id: string;
  rows: KeyValueRow[];
  problems: { key: Message[]; value: Message[] }[];
  onChange: (rows: KeyValueRow[]) => void;
  addLabel: string;
}

export function KeyValueEditor({ id, rows, problems, onChange, addLabel }: Props) {
  const { t } = useT();
  const set = (i: number, patch: Partial<KeyValueRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div id={id}>
      {rows.map((r, i) => {
        const p = problems[i] ?? { key: [], value: [] };
        return (
          <Flex key={i} className="kv-row" alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'nowrap' }} style={{ marginBottom: 8 }}>
            <FlexItem flex={{ default: 'flex_1' }}>
              <TextInput id={`${id}-key-${i}`} aria-label={t('config.key')} placeholder={t('config.key')} value={r.key} validated={p.key.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set(i, { key: v })} />
              <FieldProblems id={`${id}-key-${i}-problems`} problems={p.key} />
            </FlexItem>
            <FlexItem flex={{ default: 'flex_1' }}>
              <TextInput id={`${id}-value-${i}`} aria-label={t('config.value')} placeholder={t('config.value')} value={r.value} validated={p.value.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set(i, { value: v })} />
              <FieldProblems id={`${id}-value-${i}-problems`} problems={p.value} />
            </FlexItem>
            <FlexItem>
              <Button id={`${id}-remove-${i}`} variant="plain" aria-label={t('config.removeNamed', { name: r.key })} icon={<MinusCircleIcon />} onClick={() => onChange(rows.filter((_r, j) => j !== i))} />
            </FlexItem>
          </Flex>
        );
      })}
      <Button id={`${id}-add`} variant="link" isInline icon={<PlusCircleIcon />} onClick={() => onChange([...rows, { key: '', value: '' }])}>
        {addLabel}
      </Button>
    </div>
  );
}
