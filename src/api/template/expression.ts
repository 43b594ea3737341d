// OpenShift's `generate: expression` generator: literal text plus character classes (`[a-z0-9]`,
// `\w`, `\d`, `\a`, `\A`) each optionally repeated `{n}` times, e.g. `fedora-[a-z0-9]{16}`.
import { randomInt } from 'node:crypto';

type Piece = { chars: string; count: number };

const range = (a: string, b: string) => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i)).join('');
const LOWER = range('a', 'z');
const UPPER = range('A', 'Z');
const DIGITS = range('0', '9');
const ESCAPES: Record<string, string> = { w: LOWER + UPPER + DIGITS + '_', d: DIGITS, a: LOWER + UPPER + DIGITS, A: LOWER + UPPER };
const MAX_COUNT = 1024;

/** Parses an expression into pieces, or returns why it cannot be used. */
export function parseExpression(expr: string): Piece[] | string {
  if (expr === '') return 'an expression is required to generate a value';
  const pieces: Piece[] = [];
  let i = 0;
  while (i < expr.length) {
    let chars: string;
    const c = expr[i];
    if (c === '[') {
      const end = expr.indexOf(']', i + 1);
      if (end < 0) return `unterminated character class at ${i}`;
      const cls = parseClass(expr.slice(i + 1, end));
      if (typeof cls !== 'string') return cls.error;
      if (cls === '') return `empty character class at ${i}`;
      chars = cls;
      i = end + 1;
    } else if (c === '\\') {
      const e = ESCAPES[expr[i + 1]];
      if (!e) return `unknown escape \\${expr[i + 1] ?? ''} (use \\w, \\d, \\a or \\A)`;
      chars = e;
      i += 2;
    } else {
      chars = c;
      i += 1;
    }
    let count = 1;
    const m = /^\{(\d+)\}/.exec(expr.slice(i));
    if (m) {
      count = Number(m[1]);
      if (count > MAX_COUNT) return `count ${count} is more than ${MAX_COUNT}`;
      i += m[0].length;
    }
    pieces.push({ chars, count });
  }
  return pieces;
}

function parseClass(body: string): string | { error: string } {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      const e = ESCAPES[body[i + 1]];
      if (!e) return { error: `unknown escape \\${body[i + 1] ?? ''} in a character class` };
      out += e;
      i++;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const [a, b] = [body[i], body[i + 2]];
      if (a > b) return { error: `invalid range ${a}-${b}` };
      out += range(a, b);
      i += 2;
    } else out += body[i];
  }
  return [...new Set(out)].join('');
}

/** A fresh random value for the expression; throws when the expression cannot be parsed. */
export function generateFromExpression(expr: string): string {
  const pieces = parseExpression(expr);
  if (typeof pieces === 'string') throw new Error(`cannot generate from "${expr}": ${pieces}`);
  return pieces.map((p) => Array.from({ length: p.count }, () => p.chars[p.chars.length === 1 ? 0 : randomInt(p.chars.length)]).join('')).join('');
}
