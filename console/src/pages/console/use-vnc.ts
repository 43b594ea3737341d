// One noVNC connection to a VMI's `vnc` websocket, scaled to fit the element it draws in: the
// Console tab's VNC console and the Overview's view-only thumbnail both use it. It connects on
// mount and on reconnect(), and disconnects when the caller unmounts.
import RFB from '@novnc/novnc';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useApi } from '../../api/hooks.ts';
import { consoleProtocols, consoleUrl } from '../../vm/console-socket.ts';
import type { Connection } from './ConnectionState.tsx';

export interface Vnc {
  /** The element noVNC puts its canvas in: render it with a size. */
  screen: RefObject<HTMLDivElement | null>;
  state: Connection;
  reconnect: () => void;
  disconnect: () => void;
  /** noVNC's client while connected; throws otherwise, as noVNC itself would drop keys silently. */
  connected: () => RFB;
}

export function useVnc(namespace: string, name: string, { viewOnly = false }: { viewOnly?: boolean } = {}): Vnc {
  const { client } = useApi();
  const screen = useRef<HTMLDivElement>(null);
  const rfb = useRef<RFB | null>(null);
  const live = useRef(false);
  const closedByUser = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Connection>({ phase: 'connecting' });

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
    r.viewOnly = viewOnly;
    // A view-only screen must not take the page's keyboard focus when clicked.
    r.focusOnClick = !viewOnly;
    // noVNC reports why only through these events; the websocket's own close code stays inside it.
    let failure: Connection | undefined;
    const onConnect = () => {
      live.current = true;
      setState({ phase: 'connected' });
    };
    const onDisconnect = (e: CustomEvent<{ clean: boolean }>) => {
      live.current = false;
      setState(failure ?? { phase: 'closed', byUser: closedByUser.current, key: e.detail.clean ? undefined : 'console.vncFailed' });
    };
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
      live.current = false;
      rfb.current = null;
    };
  }, [namespace, name, client.token, attempt, viewOnly]);

  const reconnect = useCallback(() => setAttempt((n) => n + 1), []);
  const disconnect = useCallback(() => {
    closedByUser.current = true;
    rfb.current?.disconnect();
  }, []);
  const connected = useCallback(() => {
    if (!rfb.current || !live.current) throw new Error('the VNC console is not connected');
    return rfb.current;
  }, []);
  return { screen, state, reconnect, disconnect, connected };
}
