// A size as OpenShift's wizard asks for it: a number and a binary unit side by side.
import { Flex, FlexItem, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Size, SizeUnit } from '../../wizard/state.ts';

interface Props {
  id: string;
  size: Size;
  units: readonly SizeUnit[];
  onChange: (s: Size) => void;
  invalid: boolean;
  isDisabled?: boolean;
  unitLabel: string;
}

export function SizeInput({ id, size, units, onChange, invalid, isDisabled, unitLabel }: Props) {
  return (
    <Flex flexWrap={{ default: 'nowrap' }} gap={{ default: 'gapSm' }}>
      <FlexItem flex={{ default: 'flex_1' }}>
        <TextInput
          id={id}
          type="number"
          min={0}
          value={size.value}
          validated={invalid ? 'error' : 'default'}
          isDisabled={isDisabled}
          onChange={(_e, v) => onChange({ ...size, value: v })}
        />
      </FlexItem>
      <FlexItem style={{ width: 110 }}>
        <FormSelect id={`${id}-unit`} aria-label={unitLabel} value={size.unit} isDisabled={isDisabled} onChange={(_e, v) => onChange({ ...size, unit: units.find((u) => u === v) ?? size.unit })}>
          {units.map((u) => (
            <FormSelectOption key={u} value={u} label={`${u}B`} />
          ))}
        </FormSelect>
      </FlexItem>
    </Flex>
  );
}
