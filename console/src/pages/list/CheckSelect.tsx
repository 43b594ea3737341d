// A toolbar dropdown of checkboxes (PatternFly Select): the filters and the column chooser use it.
import { Badge, MenuToggle, Select, SelectList, SelectOption } from '@patternfly/react-core';
import { useState } from 'react';

export interface CheckSelectProps {
  id: string;
  label: string;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

export function CheckSelect({ id, label, options, selected, onChange }: CheckSelectProps) {
  const [open, setOpen] = useState(false);
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <Select
      id={id}
      role="menu"
      isOpen={open}
      selected={selected}
      onSelect={(_e, v) => toggle(String(v))}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle ref={ref} id={`${id}-toggle`} onClick={() => setOpen((o) => !o)} isExpanded={open}>
          {label}
          {selected.length > 0 && <Badge isRead style={{ marginLeft: 8 }}>{selected.length}</Badge>}
        </MenuToggle>
      )}
    >
      <SelectList>
        {options.map((o) => (
          <SelectOption key={o.value} value={o.value} hasCheckbox isSelected={selected.includes(o.value)} isDisabled={o.disabled} data-value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}
