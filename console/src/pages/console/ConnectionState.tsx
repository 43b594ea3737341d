// The state of a console connection as both consoles show it: a label while connecting/connected,
// and an alert saying why when the server or the network closed it (a user's own Disconnect is
// just "Disconnected").
import { Alert, Button, Label } from '@patternfly/react-core';
import { useT } from '../../context.tsx';
import type { MessageKey } from '../../i18n.ts';

export type Connection =
  | { phase: 'connecting' | 'connected' }
  | { phase: 'closed'; byUser: boolean; key?: MessageKey; vars?: Record<string, string | number> };

export function ConnectionLabel({ state }: { state: Connection }) {
  const { t } = useT();
  const [color, text] =
    state.phase === 'connected' ? (['green', t('console.connected')] as const) : state.phase === 'connecting' ? (['blue', t('console.connecting')] as const) : (['grey', t('console.disconnected')] as const);
  return (
    <Label color={color} className="console-state" data-state={state.phase}>
      {text}
    </Label>
  );
}

export function ConnectionError({ state }: { state: Connection }) {
  const { t } = useT();
  if (state.phase !== 'closed' || state.byUser || !state.key) return null;
  return <Alert variant="warning" isInline className="console-error" title={t(state.key, state.vars)} style={{ marginBottom: 8 }} />;
}

/** Connect while closed, Disconnect otherwise: the same button in both consoles. */
export function ConnectButton({ state, onConnect, onDisconnect }: { state: Connection; onConnect: () => void; onDisconnect: () => void }) {
  const { t } = useT();
  return state.phase === 'closed' ? (
    <Button id="console-connect" variant="secondary" onClick={onConnect}>
      {t('console.connect')}
    </Button>
  ) : (
    <Button id="console-disconnect" variant="secondary" onClick={onDisconnect}>
      {t('console.disconnect')}
    </Button>
  );
}
