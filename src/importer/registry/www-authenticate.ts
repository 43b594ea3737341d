// WWW-Authenticate challenges (RFC 7235) as registries send them: `Basic realm="…"` for htpasswd,
// `Bearer realm="…",service="…",scope="…"` for token auth. Several challenges may share one header
// (Node joins repeated headers with ", "), so a new challenge starts at a token not followed by "=".

export interface Challenge {
  /** Lower-cased: basic, bearer, … */
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  let s = header;
  const skip = (re: RegExp) => (s = s.replace(re, ''));
  for (;;) {
    skip(/^[\s,]+/);
    const scheme = TOKEN.exec(s)?.[0];
    if (!scheme) break;
    s = s.slice(scheme.length);
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      skip(/^[\s,]+/);
      const name = TOKEN.exec(s)?.[0];
      // A token without "=" after it is the next challenge's scheme (or token68 we do not use).
      if (!name || !/^\s*=/.test(s.slice(name.length))) break;
      s = s.slice(name.length).replace(/^\s*=\s*/, '');
      let value: string;
      if (s.startsWith('"')) {
        const m = /^"((?:[^"\\]|\\.)*)"/.exec(s);
        if (!m) {
          value = s.slice(1);
          s = '';
        } else {
          value = m[1]!.replace(/\\(.)/g, '$1');
          s = s.slice(m[0].length);
        }
      } else {
        value = TOKEN.exec(s)?.[0] ?? '';
        s = s.slice(value.length);
      }
      challenge.params[name.toLowerCase()] = value;
    }
  }
  return out;
}
