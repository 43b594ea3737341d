// Paste to console: the text (from the clipboard when the browser lets the page read it, else
// typed or pasted here) goes to the guest as key presses, as kubevirt-plugin's Paste does: a VNC
// guest has no clipboard of its own to paste from.
import type RFB from '@novnc/novnc';
import { Alert, Button, Form, FormGroup, HelperText, HelperTextItem, Modal, ModalBody, ModalFooter, ModalHeader, TextArea } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../context.tsx';
import { strokesFor, typeStrokes, TypingError } from './paste-keys.ts';

/** Between key presses: what a TCG guest's PS/2 keyboard drains without QEMU dropping keys. */
const KEY_DELAY_MS = 30;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, KEY_DELAY_MS));

export function VncPasteModal({ connected, onClose }: { connected: () => RFB; onClose: () => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [clipboardProblem, setClipboardProblem] = useState<string>();
  const [typing, setTyping] = useState(false);
  const [failure, setFailure] = useState<{ typed: number; total: number; message: string }>();
  const closed = useRef(false);

  useEffect(() => {
    closed.current = false;
    // Reading needs the page's clipboard permission; without it the user pastes into the box.
    if (!navigator.clipboard?.readText) setClipboardProblem(t('console.pasteNoClipboardApi'));
    else
      navigator.clipboard.readText().then(
        (s) => !closed.current && setText((cur) => cur || s),
        (e: unknown) => !closed.current && setClipboardProblem(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      closed.current = true;
    };
  }, [t]);

  const { strokes, unsupported } = strokesFor(text);
  const send = async () => {
    setTyping(true);
    setFailure(undefined);
    try {
      await typeStrokes(strokes, (k, code, down) => connected().sendKey(k, code, down), pause, () => closed.current);
      if (!closed.current) {
        connected().focus();
        onClose();
      }
    } catch (e) {
      const typed = e instanceof TypingError ? e.typed : 0;
      if (!closed.current) setFailure({ typed, total: strokes.length, message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (!closed.current) setTyping(false);
    }
  };

  return (
    <Modal id="vnc-paste-modal" variant="small" isOpen onClose={onClose} aria-labelledby="vnc-paste-title">
      <ModalHeader title={t('console.pasteTitle')} labelId="vnc-paste-title" description={t('console.pasteHelp')} />
      <ModalBody>
        <Form
          id="vnc-paste-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <FormGroup label={t('console.pasteText')} fieldId="vnc-paste-text">
            <TextArea id="vnc-paste-text" value={text} onChange={(_e, v) => setText(v)} rows={5} resizeOrientation="vertical" isDisabled={typing} autoFocus />
            {clipboardProblem && (
              <HelperText id="vnc-paste-clipboard">
                <HelperTextItem>{t('console.pasteClipboardDenied', { message: clipboardProblem })}</HelperTextItem>
              </HelperText>
            )}
          </FormGroup>
          {unsupported.length > 0 && (
            <Alert id="vnc-paste-unsupported" variant="warning" isInline isPlain title={t('console.pasteUnsupported', { chars: unsupported.map((c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') })} />
          )}
          {failure && <Alert id="vnc-paste-error" variant="danger" isInline title={t('console.pasteFailed', failure)} />}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button id="vnc-paste-send" variant="primary" type="submit" form="vnc-paste-form" isDisabled={typing || strokes.length === 0} isLoading={typing}>
          {t('console.pasteSend')}
        </Button>
        <Button id="vnc-paste-cancel" variant="link" onClick={onClose}>
          {t('console.pasteCancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
