// The JSONPath subset that CRD additionalPrinterColumns (and simple `kubectl get -o jsonpath`) use, with
// k8s.io/client-go/util/jsonpath semantics: missing keys yield no match rather than an error.
// Supported: optional `{…}` and `$`, `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`, `..a`,
// filters `[?(@.a.b == "x")]` with ==, !=, <, >, <=, >= on string/number/bool/null literals and
// `[?(@.a)]` (exists). Not supported: unions `[0,1]`, `range`/`end`, text outside the braces.

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

type CmpOp = '==' | '!=' | '<' | '>' | '<=' | '>=';
type Seg =
  | { k: 'field'; name: string }
  | { k: 'wild' }
  | { k: 'recurse' }
  | { k: 'index'; i: number }
  | { k: 'slice'; start?: number; end?: number; step: number }
  | { k: 'filter'; path: Seg[]; op?: CmpOp; value?: unknown };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Parser {
  pos = 0;
  constructor(
    readonly src: string,
    readonly whole: string,
  ) {}

  fail(msg: string): never {
    throw new JsonPathError(`invalid jsonpath ${JSON.stringify(this.whole)}: ${msg} at position ${this.pos}`);
  }
  c(): string | undefined {
    return this.src[this.pos];
  }
  /** The current character exists and matches `re`. */
  at(re: RegExp): boolean {
    const c = this.c();
    return c !== undefined && re.test(c);
  }
  skipWs(): void {
    while (this.at(/\s/)) this.pos++;
  }

  /** Segments until the end (or, inside a filter, until whitespace, an operator or `)`). */
  path(inFilter: boolean): Seg[] {
    const segs: Seg[] = [];
    const stop = inFilter ? /[\s=!<>)]/ : /\s/;
    while (this.c() !== undefined && !this.at(stop)) {
      if (this.src.startsWith('..', this.pos)) {
        this.pos += 2;
        segs.push({ k: 'recurse' });
        if (this.c() !== '[') segs.push(this.name(stop));
      } else if (this.c() === '.') {
        this.pos++;
        if (this.c() === undefined || this.at(stop)) break; // `{.}` is the object itself
        if (this.c() !== '[') segs.push(this.name(stop));
      } else if (this.c() === '[') {
        segs.push(this.bracket());
      } else if (segs.length === 0 && !inFilter) {
        segs.push(this.name(stop)); // tolerate a missing leading dot: `status.phase`
      } else {
        this.fail(`unexpected ${JSON.stringify(this.c())}`);
      }
    }
    return segs;
  }

  name(stop: RegExp): Seg {
    const start = this.pos;
    while (this.c() !== undefined && !this.at(/[.[]/) && !this.at(stop)) this.pos++;
    const name = this.src.slice(start, this.pos);
    if (!name) this.fail('expected a field name');
    return name === '*' ? { k: 'wild' } : { k: 'field', name };
  }

  bracket(): Seg {
    this.pos++; // [
    this.skipWs();
    let seg: Seg;
    if (this.c() === '*') {
      this.pos++;
      seg = { k: 'wild' };
    } else if (this.c() === "'" || this.c() === '"') {
      seg = { k: 'field', name: this.quoted() };
    } else if (this.c() === '?') {
      seg = this.filter();
    } else {
      const m = /^\s*(-?\d*)\s*(?::\s*(-?\d*)\s*(?::\s*(-?\d*)\s*)?)?(?=\])/.exec(this.src.slice(this.pos));
      if (!m || m[0].trim() === '') this.fail('expected an index, slice, quoted name, * or ?(filter) inside [ ]');
      this.pos += m[0].length;
      const num = (s: string | undefined) => (s ? Number(s) : undefined);
      if (!m[0].includes(':')) seg = { k: 'index', i: Number(m[1]) };
      else seg = { k: 'slice', start: num(m[1]), end: num(m[2]), step: num(m[3]) ?? 1 };
      if (seg.k === 'slice' && seg.step <= 0) this.fail('slice step must be positive');
    }
    this.skipWs();
    if (this.c() !== ']') this.fail('expected "]"');
    this.pos++;
    return seg;
  }

  quoted(): string {
    const q = this.c()!;
    let out = '';
    this.pos++;
    while (this.c() !== q) {
      if (this.c() === undefined) this.fail('unterminated string');
      if (this.c() === '\\' && this.src[this.pos + 1] !== undefined) this.pos++;
      out += this.c();
      this.pos++;
    }
    this.pos++;
    return out;
  }

  filter(): Seg {
    this.pos++; // ?
    if (this.c() !== '(') this.fail('expected "(" after "?"');
    this.pos++;
    this.skipWs();
    if (this.c() !== '@') this.fail('a filter must start with "@"');
    this.pos++;
    const path = this.path(true);
    this.skipWs();
    let seg: Seg = { k: 'filter', path };
    if (this.c() !== ')') {
      const m = /^(==|!=|<=|>=|<|>)/.exec(this.src.slice(this.pos));
      if (!m) this.fail('expected ==, !=, <, >, <=, >= or ")" in filter');
      this.pos += m[0].length;
      this.skipWs();
      seg = { k: 'filter', path, op: m[0] as CmpOp, value: this.literal() };
      this.skipWs();
      if (this.c() !== ')') this.fail('expected ")" to end the filter');
    }
    this.pos++;
    return seg;
  }

  literal(): unknown {
    if (this.c() === "'" || this.c() === '"') return this.quoted();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.src.slice(this.pos));
    if (!m) this.fail('expected a string, number, true, false or null literal');
    this.pos += m[0].length;
    return JSON.parse(m[0]);
  }
}

function parse(path: string): Seg[] {
  let src = path.trim();
  if (src.startsWith('{')) {
    if (!src.endsWith('}')) throw new JsonPathError(`invalid jsonpath ${JSON.stringify(path)}: unclosed "{"`);
    src = src.slice(1, -1).trim();
  }
  if (src.startsWith('$')) src = src.slice(1);
  const p = new Parser(src, path);
  const segs = p.path(false);
  if (p.pos < src.length) p.fail(`unexpected ${JSON.stringify(p.c())}`);
  return segs;
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObj(v)) return Object.values(v);
  return [];
}

function descendants(v: unknown, out: unknown[]): void {
  out.push(v);
  for (const c of children(v)) descendants(c, out);
}

function compare(left: unknown, op: CmpOp, right: unknown): boolean {
  if (op === '==') return left === right;
  if (op === '!=') return left !== right;
  const ordered = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!ordered) return false;
  const [a, b] = [left as number | string, right as number | string];
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}

function step(values: unknown[], seg: Seg): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (seg.k) {
      case 'field':
        if (isObj(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) out.push(v[seg.name]);
        break;
      case 'wild':
        out.push(...children(v));
        break;
      case 'recurse':
        descendants(v, out);
        break;
      case 'index':
        if (Array.isArray(v)) {
          const i = seg.i < 0 ? v.length + seg.i : seg.i;
          if (i >= 0 && i < v.length) out.push(v[i]);
        }
        break;
      case 'slice':
        if (Array.isArray(v)) {
          const norm = (n: number | undefined, dflt: number) =>
            n === undefined ? dflt : Math.min(Math.max(n < 0 ? v.length + n : n, 0), v.length);
          for (let i = norm(seg.start, 0); i < norm(seg.end, v.length); i += seg.step) out.push(v[i]);
        }
        break;
      case 'filter':
        // As client-go: only arrays are filtered, and an element whose left side is missing never matches.
        if (Array.isArray(v)) {
          for (const el of v) {
            const left = run([el], seg.path);
            if (seg.op === undefined ? left.length > 0 : left.length === 1 && compare(left[0], seg.op, seg.value)) out.push(el);
          }
        }
        break;
    }
  }
  return out;
}

function run(values: unknown[], segs: Seg[]): unknown[] {
  return segs.reduce(step, values);
}

/** All matches of `path` in `obj` (empty when none). Throws JsonPathError on syntax it does not support. */
export function evalJsonPath(obj: unknown, path: string): unknown[] {
  return run([obj], parse(path));
}

/**
 * A printer-column cell as the API server renders it: the first match; strings as they are, numbers
 * and booleans via String, objects/arrays as JSON. No match (or null) gives '' — the CRD table
 * convertor leaves the cell empty for a missing value; `<none>` is something only some built-in
 * printers (and kubectl's client-side custom-columns) print.
 */
export function formatColumnValue(v: unknown[]): string {
  const first = v[0];
  if (first === undefined || first === null) return '';
  if (typeof first === 'string') return first;
  if (typeof first === 'object') return JSON.stringify(first);
  return String(first);
}
