import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keysymOf, strokesFor, typeStrokes, TypingError, XK_RETURN, XK_SHIFT_L, XK_TAB } from './paste-keys.ts';

test('printable ASCII and Latin-1 are their own keysyms', () => {
  assert.equal(keysymOf('a'), 0x61);
  assert.equal(keysymOf('Z'), 0x5a);
  assert.equal(keysymOf(' '), 0x20);
  assert.equal(keysymOf('~'), 0x7e);
  assert.equal(keysymOf('é'), 0xe9);
  assert.equal(keysymOf('\u00a0'), 0xa0);
});

test('line ends and tabs are the Return and Tab keys', () => {
  assert.equal(keysymOf('\n'), XK_RETURN);
  assert.equal(keysymOf('\r'), XK_RETURN);
  assert.equal(keysymOf('\t'), XK_TAB);
});

test('other Unicode is 0x01000000 + code point, astral planes whole', () => {
  assert.equal(keysymOf('€'), 0x010020ac);
  assert.equal(keysymOf('あ'), 0x01003042);
  assert.equal(keysymOf('😀'), 0x0101f600);
});

test('control characters have no key', () => {
  for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085']) assert.equal(keysymOf(c), undefined, JSON.stringify(c));
});

test('strokes: shifted characters of the US layout hold Shift; CRLF is one Return; controls are left out', () => {
  const { strokes, unsupported } = strokesFor('aA>.\r\n\u0007😀');
  assert.deepEqual(strokes, [
    { keysym: 0x61, shift: false },
    { keysym: 0x41, shift: true },
    { keysym: 0x3e, shift: true },
    { keysym: 0x2e, shift: false },
    { keysym: XK_RETURN, shift: false },
    { keysym: 0x0101f600, shift: false },
  ]);
  assert.deepEqual(unsupported, ['\u0007']);
  const shifted = [...'~!@#$%^&*()_+{}|:"<>?'].filter((c) => strokesFor(c).strokes[0]?.shift);
  assert.equal(shifted.length, 21);
  assert.ok([...'`1234567890-=[]\\;\',./ z'].every((c) => !strokesFor(c).strokes[0]?.shift));
});

test('typing: down and up per key, Shift around shifted ones, a wait after each', async () => {
  const sent: string[] = [];
  let waits = 0;
  const n = await typeStrokes(
    strokesFor('a>').strokes,
    (k, code, down) => sent.push(`${k.toString(16)}${code ? `/${code}` : ''}${down ? '+' : '-'}`),
    async () => {
      waits++;
    },
  );
  assert.equal(n, 2);
  assert.equal(waits, 2);
  assert.deepEqual(sent, ['61+', '61-', `${XK_SHIFT_L.toString(16)}/ShiftLeft+`, '3e+', '3e-', `${XK_SHIFT_L.toString(16)}/ShiftLeft-`]);
});

test('typing stops when cancelled, and says how far it got when sending fails', async () => {
  let calls = 0;
  const typed = await typeStrokes(strokesFor('abc').strokes, () => {}, async () => {}, () => ++calls > 2);
  assert.equal(typed, 2);

  let sends = 0;
  const failing = typeStrokes(
    strokesFor('abc').strokes,
    () => {
      if (++sends > 4) throw new Error('not connected');
    },
    async () => {},
  );
  await assert.rejects(failing, (e: unknown) => e instanceof TypingError && e.typed === 2 && e.message === 'not connected');
});
