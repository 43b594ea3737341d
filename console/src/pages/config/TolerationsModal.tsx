// Edit tolerations: key, operator (Equal/Exists), value and effect per row, checked as typed.
import { Button, Flex, FlexItem, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import MinusCircleIcon from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon.js';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon.js';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import { TAINT_EFFECTS, TOLERATION_OPERATORS, tolerationProblems, tolerationRows, tolerationsOps, type TolerationRow } from '../../config/scheduling.ts';
import { asConfigVm } from '../../config/vm-view.ts';
import { useT } from '../../context.tsx';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

const EMPTY: TolerationRow = { key: '', operator: 'Equal', value: '', effect: '' };

export function TolerationsModal({ vm, onClose }: { vm: VirtualMachine; onClose: () => void }) {
  const { t } = useT();
  const [rows, setRows] = useState(() => tolerationRows(asConfigVm(vm)));
  const problems = rows.map(tolerationProblems);
  const invalid = problems.some((p) => p.key.length > 0 || p.value.length > 0);
  const set = (i: number, patch: Partial<TolerationRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <ConfigModal id="tolerations-modal" variant="medium" title={t('config.editTolerations')} vm={vm} build={invalid ? undefined : (cur) => tolerationsOps(cur, rows)} onClose={onClose}>
      {rows.map((r, i) => (
        <Flex key={i} className="toleration-row" alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'nowrap' }}>
          <FlexItem flex={{ default: 'flex_1' }}>
            <TextInput id={`toleration-key-${i}`} aria-label={t('config.key')} placeholder={t('config.key')} value={r.key} validated={problems[i]!.key.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set(i, { key: v })} />
            <FieldProblems id={`toleration-key-${i}-problems`} problems={problems[i]!.key} />
          </FlexItem>
          <FlexItem>
            <FormSelect id={`toleration-operator-${i}`} aria-label={t('config.operator')} value={r.operator} onChange={(_e, v) => set(i, { operator: TOLERATION_OPERATORS.find((o) => o === v) ?? r.operator })}>
              {TOLERATION_OPERATORS.map((o) => (
                <FormSelectOption key={o} value={o} label={o} />
              ))}
            </FormSelect>
          </FlexItem>
          <FlexItem flex={{ default: 'flex_1' }}>
            <TextInput id={`toleration-value-${i}`} aria-label={t('config.value')} placeholder={t('config.value')} value={r.value} isDisabled={r.operator === 'Exists' && r.value === ''} validated={problems[i]!.value.length > 0 ? 'error' : 'default'} onChange={(_e, v) => set(i, { value: v })} />
            <FieldProblems id={`toleration-value-${i}-problems`} problems={problems[i]!.value} />
          </FlexItem>
          <FlexItem>
            <FormSelect id={`toleration-effect-${i}`} aria-label={t('config.effect')} value={r.effect} onChange={(_e, v) => set(i, { effect: TAINT_EFFECTS.find((x) => x === v) ?? r.effect })}>
              {TAINT_EFFECTS.map((x) => (
                <FormSelectOption key={x || 'all'} value={x} label={x || t('config.effectAll')} />
              ))}
            </FormSelect>
          </FlexItem>
          <FlexItem>
            <Button variant="plain" aria-label={t('config.removeNamed', { name: r.key })} icon={<MinusCircleIcon />} onClick={() => setRows((rs) => rs.filter((_r, j) => j !== i))} />
          </FlexItem>
        </Flex>
      ))}
      <Button id="toleration-add" variant="link" isInline icon={<PlusCircleIcon />} onClick={() => setRows((rs) => [...rs, EMPTY])}>
        {t('config.addToleration')}
      </Button>
    </ConfigModal>
  );
}
