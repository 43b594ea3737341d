// The VM list's "Create" menu, as OpenShift's: the ways to make a VirtualMachine — From template
// (the catalog of seed 000's lab) and With YAML.
import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { useState } from 'react';
import { useRouter, useT } from '../context.tsx';

export function CreateVmMenu({ namespace }: { namespace: string }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle ref={ref} id="create-vm" variant="primary" isExpanded={open} onClick={() => setOpen((o) => !o)}>
          {t('create.menu')}
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem id="create-from-template" onClick={() => navigate({ page: 'catalog', namespace })}>
          {t('create.fromTemplate')}
        </DropdownItem>
        <DropdownItem id="create-with-yaml" onClick={() => navigate({ page: 'vmNew', namespace })}>
          {t('create.withYaml')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
}
