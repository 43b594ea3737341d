// Text to X11 keysyms, for typing pasted text into a VNC guest (RFB key events carry keysyms,
// never characters). QEMU's VNC server turns a keysym into the scancode of its key on the US
// layout and tracks the modifiers the guest sees, so a shifted character ('A', '>') must come
// with Shift held, or the guest reads the unshifted key ('a', '.').

/** One key press to send: its keysym, and whether Shift is held around it. */
export interface KeyStroke {
  keysym: number;
  shift: boolean;
}

export const XK_RETURN = 0xff0d;
export const XK_TAB = 0xff09;
export const XK_SHIFT_L = 0xffe1;

/** The US layout's shifted printable ASCII: letters and the symbols above digits and punctuation. */
const SHIFTED = /^[A-Z~!@#$%^&*()_+{}|:"<>?]$/;

/**
 * The keysym of one character (a code point), or undefined for a control character no key types.
 * Printable ASCII and Latin-1 are their own keysyms; other Unicode is 0x01000000 + code point.
 */
export function keysymOf(ch: string): number | undefined {
  const cp = ch.codePointAt(0);
  if (cp === undefined) return undefined;
  if (ch === '\n' || ch === '\r') return XK_RETURN;
  if (ch === '\t') return XK_TAB;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  if (cp < 0xa0) return undefined; // C0 and C1 controls, DEL
  return 0x01000000 + cp;
}

/** The key strokes that type `text`, and the characters left out because no key types them. */
export function strokesFor(text: string): { strokes: KeyStroke[]; unsupported: string[] } {
  const strokes: KeyStroke[] = [];
  const unsupported: string[] = [];
  // A Windows line end is one Return, not two.
  for (const ch of text.replace(/\r\n/g, '\n')) {
    const keysym = keysymOf(ch);
    if (keysym === undefined) unsupported.push(ch);
    else strokes.push({ keysym, shift: SHIFTED.test(ch) });
  }
  return { strokes, unsupported };
}

/** noVNC's `rfb.sendKey`: code names the physical key (KeyboardEvent.code), null for keysym only. */
export type SendKey = (keysym: number, code: string | null, down: boolean) => void;

/** Typing stopped part way: how many strokes went, and why (the send's error). */
export class TypingError extends Error {
  constructor(
    readonly typed: number,
    readonly reason: Error,
  ) {
    super(reason.message);
  }
}

/**
 * Types the strokes one by one, `wait` between them: a guest reads its PS/2 keyboard through a
 * 16-byte queue, and QEMU drops what overflows it. Returns how many were typed, fewer when
 * `cancelled` said stop; a throwing `send` (the connection closed) rejects with a TypingError.
 */
export async function typeStrokes(strokes: KeyStroke[], send: SendKey, wait: () => Promise<void>, cancelled: () => boolean = () => false): Promise<number> {
  let typed = 0;
  for (const s of strokes) {
    if (cancelled()) break;
    try {
      if (s.shift) send(XK_SHIFT_L, 'ShiftLeft', true);
      send(s.keysym, null, true);
      send(s.keysym, null, false);
      if (s.shift) send(XK_SHIFT_L, 'ShiftLeft', false);
    } catch (e) {
      throw new TypingError(typed, e instanceof Error ? e : new Error(String(e)));
    }
    typed++;
    await wait();
  }
  return typed;
}
