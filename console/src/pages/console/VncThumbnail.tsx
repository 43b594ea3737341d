// The Overview's live picture of the guest's screen, as in kubevirt-plugin's Details card: a small
// view-only noVNC view, scaled, that opens the Console tab when clicked; while the VM does not run,
// a placeholder says so. Mounted only on the Overview, so it disconnects when the user leaves it.
import { Alert } from '@patternfly/react-core';
import { useT } from '../../context.tsx';
import { ConnectionError } from './ConnectionState.tsx';
import { useVnc } from './use-vnc.ts';

const SIZE = { width: 320, height: 240 };

export function VncThumbnail({ namespace, name, running, onOpen }: { namespace: string; name: string; running: boolean; onOpen: () => void }) {
  const { t } = useT();
  if (!running) {
    return (
      <div id="vm-vnc-thumbnail" data-state="not-running" style={{ ...SIZE, display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'var(--pf-t--global--background--color--secondary--default)' }}>
        {t('details.vncNotRunning')}
      </div>
    );
  }
  return <LiveThumbnail namespace={namespace} name={name} onOpen={onOpen} />;
}

function LiveThumbnail({ namespace, name, onOpen }: { namespace: string; name: string; onOpen: () => void }) {
  const { t } = useT();
  const vnc = useVnc(namespace, name, { viewOnly: true });
  return (
    <div id="vm-vnc-thumbnail" data-state={vnc.state.phase}>
      <ConnectionError state={vnc.state} />
      {vnc.state.phase === 'closed' && !vnc.state.key && <Alert variant="info" isInline isPlain title={t('console.disconnected')} />}
      <div style={{ ...SIZE, position: 'relative', background: '#000' }}>
        <div ref={vnc.screen} className="vnc-thumbnail-screen" style={{ width: '100%', height: '100%' }} />
        {/* Over the canvas: noVNC stops the canvas's own clicks from reaching the page. */}
        <button
          type="button"
          id="vm-vnc-open"
          aria-label={t('details.vncOpen')}
          title={t('details.vncOpen')}
          onClick={onOpen}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', background: 'transparent', border: 0, padding: 0, cursor: 'pointer' }}
        />
      </div>
    </div>
  );
}
