// Edit one text field of the VM (description, hostname) with the field's own rules.
import { FormGroup, TextArea, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine } from '../../api/types.ts';
import type { Message } from '../../catalog/message.ts';
import type { PatchOp } from '../../config/json-patch.ts';
import type { ConfigVm } from '../../config/vm-view.ts';
import { FieldProblems } from '../wizard/FieldProblems.tsx';
import { ConfigModal } from './ConfigModal.tsx';

interface Props {
  id: string;
  title: string;
  label: string;
  vm: VirtualMachine;
  initial: string;
  multiline?: boolean;
  problems?: (v: string) => Message[];
  build: (vm: ConfigVm, value: string) => PatchOp[];
  onClose: () => void;
}

export function TextFieldModal({ id, title, label, vm, initial, multiline, problems, build, onClose }: Props) {
  const [value, setValue] = useState(initial);
  const p = problems?.(value) ?? [];
  return (
    <ConfigModal id={id} title={title} vm={vm} build={p.length > 0 ? undefined : (cur) => build(cur, value)} onClose={onClose}>
      <FormGroup label={label} fieldId={`${id}-input`}>
        {multiline ? (
          <TextArea id={`${id}-input`} value={value} onChange={(_e, v) => setValue(v)} resizeOrientation="vertical" />
        ) : (
          <TextInput id={`${id}-input`} value={value} validated={p.length > 0 ? 'error' : 'default'} onChange={(_e, v) => setValue(v)} />
        )}
        <FieldProblems id={`${id}-problems`} problems={p} />
      </FormGroup>
    </ConfigModal>
  );
}
