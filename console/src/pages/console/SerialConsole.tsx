// The serial console: xterm.js over the VMI's `console` websocket (KubeVirt's plain.kubevirt.io:
// the guest's bytes out, keystrokes in, both as binary frames). The terminal lives as long as the
// component, so a reconnect keeps what was already on screen.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { Flex, FlexItem } from '@patternfly/react-core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../../api/hooks.ts';
import { useT } from '../../context.tsx';
import { closeExplanation, consoleProtocols, consoleUrl } from '../../vm/console-socket.ts';
import { ConnectButton, ConnectionError, ConnectionLabel, type Connection } from './ConnectionState.tsx';

export function SerialConsole({ namespace, name, switcher }: { namespace: string; name: string; switcher: ReactNode }) {
  const { t } = useT();
  const { client } = useApi();
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const closedByUser = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Connection>({ phase: 'connecting' });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const terminal = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000, fontFamily: 'Red Hat Mono, DejaVu Sans Mono, monospace' });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(el);
    fit.fit();
    const resize = new ResizeObserver(() => fit.fit());
    resize.observe(el);
    const encoder = new TextEncoder();
    const send = (bytes: Uint8Array<ArrayBuffer>) => {
      if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(bytes);
    };
    const typed = terminal.onData((d) => send(encoder.encode(d)));
    // Some mouse reports are raw bytes, not UTF-8 text.
    const binary = terminal.onBinary((d) => send(Uint8Array.from(d, (c) => c.charCodeAt(0) & 0xff)));
    term.current = terminal;
    return () => {
      typed.dispose();
      binary.dispose();
      resize.disconnect();
      terminal.dispose();
      term.current = null;
    };
  }, []);

  useEffect(() => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(consoleUrl(location.href, namespace, name, 'console'), consoleProtocols('console', client.token));
    } catch (e) {
      setState({ phase: 'closed', byUser: false, key: 'console.openFailed', vars: { message: (e as Error).message } });
      return;
    }
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    closedByUser.current = false;
    setState({ phase: 'connecting' });
    ws.onopen = () => {
      setState({ phase: 'connected' });
      term.current?.focus();
    };
    ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => term.current?.write(typeof e.data === 'string' ? e.data : new Uint8Array(e.data));
    ws.onclose = (e) => {
      const why = closeExplanation(e.code, e.reason);
      setState({ phase: 'closed', byUser: closedByUser.current, key: why.key, vars: why.vars });
    };
    return () => {
      ws.onclose = null;
      ws.close(1000);
      socket.current = null;
    };
  }, [namespace, name, client.token, attempt]);

  const disconnect = () => {
    closedByUser.current = true;
    socket.current?.close(1000);
  };
  return (
    <div id="serial-console" data-state={state.phase}>
      <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapMd' }} style={{ marginBottom: 8 }}>
        <FlexItem>{switcher}</FlexItem>
        <FlexItem>
          <ConnectButton state={state} onConnect={() => setAttempt((n) => n + 1)} onDisconnect={disconnect} />
        </FlexItem>
        <FlexItem>
          <ConnectionLabel state={state} />
        </FlexItem>
        <FlexItem style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>{t('console.serialHelp')}</FlexItem>
      </Flex>
      <ConnectionError state={state} />
      <div ref={host} className="serial-terminal" style={{ height: '60vh', minHeight: 320, background: '#000', padding: 4 }} />
    </div>
  );
}
