// Label and field selectors as list/watch requests carry them (`?labelSelector=`, `?fieldSelector=`) and as
// objects embed them (metav1.LabelSelector, node selector terms). Grammar and messages follow
// k8s.io/apimachinery/pkg/labels and pkg/fields so kubectl users see familiar errors.

/** A selector that cannot be parsed; meant for a 400 BadRequest Status. */
export class SelectorError extends Error {
  override name = 'SelectorError';
}

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';
interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

// ---- label key/value syntax (IsQualifiedName / IsValidLabelValue) ----

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function keyErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME_RE.test(name)) errs.push(NAME_MSG);
  return errs;
}

function checkKey(key: string): void {
  const errs = keyErrors(key);
  if (errs.length) throw new SelectorError(`key: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

function checkValue(key: string, v: string, i = 0): void {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (v.length > 0 && !NAME_RE.test(v)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  if (errs.length) throw new SelectorError(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
}

// ---- lexer ----

type Tok =
  | { t: 'id'; s: string }
  | { t: 'op'; s: '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',' }
  | { t: 'end'; s: '' };

function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (s.startsWith('!=', i) || s.startsWith('==', i)) {
      toks.push({ t: 'op', s: s.slice(i, i + 2) as '!=' | '==' });
      i += 2;
    } else if ('!=><(),'.includes(c)) {
      toks.push({ t: 'op', s: c as '!' });
      i++;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]!) && !'!=><(),'.includes(s[j]!)) j++;
      toks.push({ t: 'id', s: s.slice(i, j) });
      i = j;
    }
  }
  toks.push({ t: 'end', s: '' });
  return toks;
}

// ---- parser ----

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  peek(): Tok {
    return this.toks[this.i]!;
  }
  next(): Tok {
    return this.toks[this.i++]!;
  }
}

const lit = (t: Tok) => (t.t === 'end' ? 'end of string' : t.s);

function parseRequirement(p: Parser): Requirement {
  let tok = p.next();
  let negated = false;
  if (tok.t === 'op' && tok.s === '!') {
    negated = true;
    tok = p.next();
  }
  if (tok.t !== 'id' || tok.s === 'in' || tok.s === 'notin') {
    throw new SelectorError(`found '${lit(tok)}', expected: identifier`);
  }
  const key = tok.s;
  checkKey(key);
  const after = p.peek();
  if (after.t === 'end' || (after.t === 'op' && after.s === ',')) {
    return { key, op: negated ? '!' : 'exists', values: [] };
  }
  if (negated) throw new SelectorError(`found '${lit(after)}', expected: ',' or 'end of string'`);
  const opTok = p.next();
  const op = opTok.s;
  switch (op) {
    case '=':
    case '==':
    case '!=': {
      const v = parseSingleValue(p);
      checkValue(key, v);
      return { key, op: op === '!=' ? '!=' : '=', values: [v] };
    }
    case '>':
    case '<': {
      const v = parseSingleValue(p);
      if (!/^-?\d+$/.test(v)) {
        throw new SelectorError(`for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      return { key, op: op === '>' ? 'gt' : 'lt', values: [v] };
    }
    case 'in':
    case 'notin': {
      const values = parseValueSet(p);
      if (values.length === 0) throw new SelectorError(`for 'in', 'notin' operators, values set can't be empty`);
      values.forEach((v, i) => checkValue(key, v, i));
      return { key, op, values };
    }
    default:
      throw new SelectorError(`found '${lit(opTok)}', expected: in, notin, =, ==, !=, gt, lt`);
  }
}

function parseSingleValue(p: Parser): string {
  const t = p.peek();
  if (t.t === 'end' || (t.t === 'op' && t.s === ',')) return ''; // `a=` selects the empty value
  p.next();
  if (t.t !== 'id') throw new SelectorError(`found '${lit(t)}', expected: identifier`);
  return t.s;
}

function parseValueSet(p: Parser): string[] {
  const open = p.next();
  if (!(open.t === 'op' && open.s === '(')) throw new SelectorError(`found '${lit(open)}', expected: '('`);
  const values: string[] = [];
  let expectValue = true;
  for (;;) {
    const t = p.next();
    if (t.t === 'op' && t.s === ')') {
      if (expectValue && values.length > 0) values.push(''); // `(a,)` includes the empty value
      return values;
    }
    if (t.t === 'op' && t.s === ',') {
      if (expectValue) values.push('');
      expectValue = true;
      continue;
    }
    if (t.t === 'id' && expectValue) {
      values.push(t.s);
      expectValue = false;
      continue;
    }
    throw new SelectorError(`found '${lit(t)}', expected: ',', ')' or identifier`);
  }
}

function matches(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case 'in':
      return has && r.values.includes(v!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const a = BigInt(v!);
      const b = BigInt(r.values[0]!);
      return r.op === 'gt' ? a > b : a < b;
    }
  }
}

function allOf(reqs: Requirement[]): LabelMatcher {
  return (labels) => reqs.every((r) => matches(r, labels));
}

/**
 * Parses a label selector string: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * `a>1`, `a<1`, joined by commas. The empty string selects everything.
 */
export function parseLabelSelector(s: string): LabelMatcher {
  const p = new Parser(lex(s));
  const reqs: Requirement[] = [];
  if (p.peek().t === 'end') return () => true;
  for (;;) {
    try {
      reqs.push(parseRequirement(p));
    } catch (e) {
      if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const t = p.next();
    if (t.t === 'end') return allOf(reqs);
    if (!(t.t === 'op' && t.s === ',')) throw new SelectorError(`found '${lit(t)}', expected: ',' or 'end of string'`);
  }
}

/**
 * A matcher for an embedded metav1.LabelSelector (In, NotIn, Exists, DoesNotExist) or node selector
 * term (also Gt, Lt with one integer value). Undefined or empty selects everything. Invalid
 * operators/values throw SelectorError so callers can reject the object that carries them.
 */
export function labelSelectorMatcher(
  sel:
    | { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
    | undefined,
): LabelMatcher {
  if (!sel) return () => true;
  const reqs: Requirement[] = [];
  for (const [key, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: '=', values: [v] });
  for (const [i, e] of (sel.matchExpressions ?? []).entries()) {
    const values = e.values ?? [];
    const where = `matchExpressions[${i}]`;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) throw new SelectorError(`${where}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
        reqs.push({ key: e.key, op: e.operator === 'In' ? 'in' : 'notin', values });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) throw new SelectorError(`${where}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
        reqs.push({ key: e.key, op: e.operator === 'Exists' ? 'exists' : '!', values });
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1 || !/^-?\d+$/.test(values[0]!)) {
          throw new SelectorError(`${where}.values: Invalid value: ${JSON.stringify(values)}: must be a single integer for 'Gt' and 'Lt'`);
        }
        reqs.push({ key: e.key, op: e.operator === 'Gt' ? 'gt' : 'lt', values });
        break;
      default:
        throw new SelectorError(`${where}.operator: Unsupported value: ${JSON.stringify(e.operator)}: supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"`);
    }
  }
  return allOf(reqs);
}

// ---- field selectors ----

export type FieldMatcher = (get: (field: string) => string | undefined) => boolean;

/**
 * Parses a field selector: `f=v`, `f==v`, `f!=v` joined by commas; `\,` `\=` `\\` escape inside values
 * (as fields.ParseSelector). A field that `get` does not know reads as '' (as in fields.Set). `fields`
 * lists the field names used so the server can refuse unsupported ones ("field label not supported").
 */
export function parseFieldSelector(s: string): { matcher: FieldMatcher; fields: string[] } {
  const terms: { field: string; neg: boolean; value: string }[] = [];
  for (const term of splitUnescaped(s, ',')) {
    if (term.trim() === '') continue;
    const m = /^([^=!<>~\s()]+)\s*(!=|==|=)(.*)$/s.exec(term.trim());
    if (!m) throw new SelectorError(`invalid selector: '${s}'; can't understand '${term}' (supported operators are =, == and !=)`);
    const value = unescape(m[3]!);
    terms.push({ field: m[1]!, neg: m[2] === '!=', value });
  }
  return {
    fields: [...new Set(terms.map((t) => t.field))],
    matcher: (get) => terms.every((t) => ((get(t.field) ?? '') === t.value) !== t.neg),
  };
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i]! + s[i + 1]!;
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

function unescape(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '\\') out += v[i];
    else if (i + 1 < v.length && '\\,='.includes(v[i + 1]!)) out += v[++i];
    else throw new SelectorError(`invalid field selector value ${JSON.stringify(v)}: invalid escape sequence`);
  }
  return out;
}
