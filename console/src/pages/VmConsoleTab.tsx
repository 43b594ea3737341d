// A VM's Console tab: the console type switch of OpenShift's console (VNC first, as there) and the
// chosen console, connected while the VMI runs and reconnected when a new VMI replaces it.
import { Alert, Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachineInstance } from '../api/types.ts';
import { useT } from '../context.tsx';
import type { ConsoleKind } from '../vm/console-socket.ts';
import { SerialConsole } from './console/SerialConsole.tsx';
import { VncConsole } from './console/VncConsole.tsx';

const LABEL = { vnc: 'console.vnc', console: 'console.serial' } as const;

export function VmConsoleTab({ namespace, name, vmi }: { namespace: string; name: string; vmi?: VirtualMachineInstance }) {
  const { t } = useT();
  const [kind, setKind] = useState<ConsoleKind>('vnc');
  const [open, setOpen] = useState(false);
  if (vmi?.status?.phase !== 'Running') return <Alert variant="info" isInline id="console-not-running" title={t('console.notRunning')} style={{ marginTop: 16 }} />;
  const switcher = (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      toggle={(ref) => (
        <MenuToggle ref={ref} id="console-type" aria-label={t('console.type')} isExpanded={open} onClick={() => setOpen((o) => !o)}>
          {t(LABEL[kind])}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {(['vnc', 'console'] as const).map((k) => (
          <DropdownItem key={k} id={`console-type-${k}`} onClick={() => setKind(k)}>
            {t(LABEL[k])}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
  // Keyed by the VMI's uid: a restarted VM is a new VMI, and a new connection.
  const key = `${kind}/${vmi.metadata.uid ?? ''}`;
  return (
    <div style={{ marginTop: 16 }}>
      {kind === 'vnc' ? <VncConsole key={key} namespace={namespace} name={name} switcher={switcher} /> : <SerialConsole key={key} namespace={namespace} name={name} switcher={switcher} />}
    </div>
  );
}
