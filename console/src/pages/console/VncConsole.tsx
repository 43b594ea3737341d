// The VNC console: noVNC's RFB client over the VMI's `vnc` websocket, scaled to fit, with the Send
// key menu (Ctrl+Alt+Del, which a browser would otherwise keep for itself).
import RFB from '@novnc/novnc';
import { Dropdown, DropdownItem, DropdownList, Flex, FlexItem, MenuToggle } from '@patternfly/react-core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../../api/hooks.ts';
import { useT } from '../../context.tsx';
import { consoleProtocols, consoleUrl } from '../../vm/console-socket.ts';
import { ConnectButton, ConnectionError, ConnectionLabel, type Connection } from './ConnectionState.tsx';

export function VncConsole({ namespace, name, switcher }: { namespace: string; name: string; switcher: ReactNode }) {
  const { t } = useT();
  const { client } = useApi();
  const screen = useRef<HTMLDivElement>(null);
  const rfb = useRef<RFB | null>(null);
  const closedByUser = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Connection>({ phase: 'connecting' });
  const [keysOpen, setKeysOpen] = useState(false);

  useEffect(() => {
    const el = screen.current;
    if (!el) return;
    closedByUser.current = false;
    setState({ phase: 'connecting' });
    let r: RFB;
    try {
      r = new RFB(el, consoleUrl(location.href, namespace, name, 'vnc'), { shared: true, wsProtocols: consoleProtocols('vnc', client.token) });
    } catch (e) {
      setState({ phase: 'closed', byUser: false, key: 'console.openFailed', vars: { message: (e as Error).message } });
      return;
    }
    r.scaleViewport = true;
    r.background = '#000';
    // noVNC reports why only through these events; the websocket's own close code stays inside it.
    let failure: Connection | undefined;
    const onConnect = () => setState({ phase: 'connected' });
    const onDisconnect = (e: CustomEvent<{ clean: boolean }>) =>
      setState(failure ?? { phase: 'closed', byUser: closedByUser.current, key: e.detail.clean ? undefined : 'console.vncFailed' });
    const onSecurity = (e: CustomEvent<{ status: number; reason?: string }>) => {
      failure = { phase: 'closed', byUser: false, key: 'console.vncSecurity', vars: { reason: e.detail.reason ?? String(e.detail.status) } };
    };
    const onCredentials = () => {
      failure = { phase: 'closed', byUser: false, key: 'console.vncCredentials' };
      r.disconnect();
    };
    r.addEventListener('connect', onConnect);
    r.addEventListener('disconnect', onDisconnect);
    r.addEventListener('securityfailure', onSecurity);
    r.addEventListener('credentialsrequired', onCredentials);
    rfb.current = r;
    return () => {
      r.removeEventListener('connect', onConnect);
      r.removeEventListener('disconnect', onDisconnect);
      r.removeEventListener('securityfailure', onSecurity);
      r.removeEventListener('credentialsrequired', onCredentials);
      r.disconnect();
      rfb.current = null;
    };
  }, [namespace, name, client.token, attempt]);

  const disconnect = () => {
    closedByUser.current = true;
    rfb.current?.disconnect();
  };
  const connected = state.phase === 'connected';
  return (
    <div id="vnc-console" data-state={state.phase}>
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
              <DropdownItem id="vnc-ctrl-alt-del" onClick={() => rfb.current?.sendCtrlAltDel()}>
                {t('console.ctrlAltDel')}
              </DropdownItem>
            </DropdownList>
          </Dropdown>
        </FlexItem>
        <FlexItem>
          <ConnectButton state={state} onConnect={() => setAttempt((n) => n + 1)} onDisconnect={disconnect} />
        </FlexItem>
        <FlexItem>
          <ConnectionLabel state={state} />
        </FlexItem>
      </Flex>
      <ConnectionError state={state} />
      <div ref={screen} className="vnc-screen" style={{ height: '60vh', minHeight: 320, background: '#000' }} />
    </div>
  );
}
