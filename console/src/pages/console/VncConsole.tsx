// The VNC console: noVNC over the VMI's `vnc` websocket (useVnc), scaled to fit, with the Send key
// menu (Ctrl+Alt+Del, which a browser would otherwise keep for itself) and Paste, which types text
// into the guest as key presses.
import { Button, Dropdown, DropdownItem, DropdownList, Flex, FlexItem, MenuToggle } from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useT } from '../../context.tsx';
import { ConnectButton, ConnectionError, ConnectionLabel } from './ConnectionState.tsx';
import { useVnc } from './use-vnc.ts';
import { VncPasteModal } from './VncPasteModal.tsx';

export function VncConsole({ namespace, name, switcher }: { namespace: string; name: string; switcher: ReactNode }) {
  const { t } = useT();
  const vnc = useVnc(namespace, name);
  const [keysOpen, setKeysOpen] = useState(false);
  const [pasting, setPasting] = useState(false);
  const connected = vnc.state.phase === 'connected';
  return (
    <div id="vnc-console" data-state={vnc.state.phase}>
      <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapMd' }} style={{ marginBottom: 8 }}>
        <FlexItem>{switcher}</FlexItem>
        <FlexItem>
          <Dropdown
            isOpen={keysOpen}
            onOpenChange={setKeysOpen}
            onSelect={() => setKeysOpen(false)}
            toggle={(ref) => (
              <MenuToggle ref={ref} id="vnc-send-key" isDisabled={!connected} isExpanded={keysOpen} onClick={() => setKeysOpen((o) => !o)}>
                {t('console.sendKey')}
              </MenuToggle>
            )}
          >
            <DropdownList>
              <DropdownItem id="vnc-ctrl-alt-del" onClick={() => vnc.connected().sendCtrlAltDel()}>
                {t('console.ctrlAltDel')}
              </DropdownItem>
            </DropdownList>
          </Dropdown>
        </FlexItem>
        <FlexItem>
          <Button id="vnc-paste" variant="secondary" isDisabled={!connected} onClick={() => setPasting(true)}>
            {t('console.paste')}
          </Button>
        </FlexItem>
        <FlexItem>
          <ConnectButton state={vnc.state} onConnect={vnc.reconnect} onDisconnect={vnc.disconnect} />
        </FlexItem>
        <FlexItem>
          <ConnectionLabel state={vnc.state} />
        </FlexItem>
      </Flex>
      <ConnectionError state={vnc.state} />
      {pasting && <VncPasteModal connected={vnc.connected} onClose={() => setPasting(false)} />}
      <div ref={vnc.screen} className="vnc-screen" style={{ height: '60vh', minHeight: 320, background: '#000' }} />
    </div>
  );
}
