import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SelectorError, labelSelectorMatcher, parseFieldSelector, parseLabelSelector } from './selectors.ts';

const web = { app: 'web', tier: 'frontend', 'kubevirt.io/domain': 'vm1', replicas: '3' };
const db = { app: 'db', tier: 'backend' };
const none = undefined;

function check(sel: string, want: [Record<string, string> | undefined, boolean][]): void {
  const m = parseLabelSelector(sel);
  for (const [labels, expected] of want) assert.equal(m(labels), expected, `${JSON.stringify(sel)} on ${JSON.stringify(labels)}`);
}

test('label selector: every form', () => {
  check('', [[web, true], [none, true]]);
  check('app=web', [[web, true], [db, false], [none, false]]);
  check('app==web', [[web, true], [db, false]]);
  check('app!=web', [[web, false], [db, true], [none, true]]);
  check('app in (web, db)', [[web, true], [db, true], [{ app: 'x' }, false], [none, false]]);
  check('app notin (web)', [[web, false], [db, true], [none, true]]);
  check('app', [[web, true], [{}, false], [none, false]]);
  check('!app', [[web, false], [{}, true], [none, true]]);
  check('replicas>2', [[web, true], [{ replicas: '2' }, false], [{ replicas: 'x' }, false], [none, false]]);
  check('replicas<4', [[web, true], [{ replicas: '4' }, false]]);
  check('kubevirt.io/domain=vm1', [[web, true], [db, false]]);
  check('  app = web ,  tier in(frontend,backend),!missing  ', [[web, true], [db, false]]);
  check('app=web,tier=backend', [[web, false], [{ app: 'web', tier: 'backend' }, true]]);
  check('app=', [[{ app: '' }, true], [web, false], [none, false]]);
  check('app in (web,)', [[{ app: '' }, true], [web, true], [db, false]]);
});

test('label selector: a label named "constructor" is not inherited from Object.prototype', () => {
  check('constructor', [[{}, false]]);
});

test('label selector: syntax errors read like Kubernetes', () => {
  const cases: [string, RegExp][] = [
    ['app=web=x', /^found '=', expected: ',' or 'end of string'$/],
    ['app web', /^unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt$/],
    ['app in web', /^unable to parse requirement: found 'web', expected: '\('$/],
    ['app in (web', /^unable to parse requirement: found 'end of string', expected: ',', '\)' or identifier$/],
    ['app in ()', /^unable to parse requirement: for 'in', 'notin' operators, values set can't be empty$/],
    ['app>x', /^unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer$/],
    ['=web', /^unable to parse requirement: found '=', expected: identifier$/],
    ['app=web,', /^unable to parse requirement: found 'end of string', expected: identifier$/],
    ['!app=web', /^unable to parse requirement: found '=', expected: ',' or 'end of string'$/],
    ['-bad=x', /^unable to parse requirement: key: Invalid value: "-bad": name part must consist of alphanumeric/],
    ['Bad_Prefix/app=x', /^unable to parse requirement: key: Invalid value: "Bad_Prefix\/app": prefix part a lowercase RFC 1123 subdomain/],
    ['a/b/c', /qualified name must consist/],
    [`${'a'.repeat(64)}=x`, /name part must be no more than 63 characters/],
    ['app=-x', /^unable to parse requirement: values\[0\]\[app\]: Invalid value: "-x": a valid label must be/],
    ['app in (ok, -x)', /values\[1\]\[app\]: Invalid value: "-x"/],
  ];
  for (const [sel, re] of cases) {
    assert.throws(() => parseLabelSelector(sel), (e: unknown) => e instanceof SelectorError && re.test(e.message), sel);
  }
});

test('labelSelectorMatcher: matchLabels and every operator', () => {
  assert.equal(labelSelectorMatcher(undefined)(none), true);
  assert.equal(labelSelectorMatcher({})(web), true);
  const m = labelSelectorMatcher({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'kubevirt.io/domain', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'replicas', operator: 'Gt', values: ['2'] },
      { key: 'replicas', operator: 'Lt', values: ['10'] },
    ],
  });
  assert.equal(m(web), true);
  assert.equal(m({ ...web, env: 'prod' }), false);
  assert.equal(m({ ...web, env: 'dev' }), true);
  assert.equal(m({ ...web, legacy: '' }), false);
  assert.equal(m({ ...web, tier: 'backend' }), false);
  assert.equal(m({ ...web, replicas: '10' }), false);
  assert.equal(m({ ...web, replicas: 'many' }), false);
  assert.equal(m(db), false);
  assert.equal(m(none), false);
});

test('labelSelectorMatcher: invalid expressions throw', () => {
  const bad: { key: string; operator: string; values?: string[] }[] = [
    { key: 'a', operator: 'In' },
    { key: 'a', operator: 'Exists', values: ['x'] },
    { key: 'a', operator: 'Gt', values: ['1', '2'] },
    { key: 'a', operator: 'Gt', values: ['x'] },
    { key: 'a', operator: 'Equals', values: ['x'] },
  ];
  for (const e of bad) assert.throws(() => labelSelectorMatcher({ matchExpressions: [e] }), SelectorError, e.operator);
});

const fieldsOf = (o: Record<string, string>) => (f: string) => o[f];

test('field selector: =, ==, != and commas', () => {
  const { matcher, fields } = parseFieldSelector('metadata.name=vm1,metadata.namespace==default,status.phase!=Failed');
  assert.deepEqual(fields, ['metadata.name', 'metadata.namespace', 'status.phase']);
  assert.equal(matcher(fieldsOf({ 'metadata.name': 'vm1', 'metadata.namespace': 'default', 'status.phase': 'Running' })), true);
  assert.equal(matcher(fieldsOf({ 'metadata.name': 'vm1', 'metadata.namespace': 'default', 'status.phase': 'Failed' })), false);
  assert.equal(matcher(fieldsOf({ 'metadata.name': 'vm2', 'metadata.namespace': 'default' })), false);
});

test('field selector: empty selects all; missing fields read as ""; escapes', () => {
  const all = parseFieldSelector('');
  assert.deepEqual(all.fields, []);
  assert.equal(all.matcher(() => undefined), true);
  assert.equal(parseFieldSelector('spec.nodeName=').matcher(() => undefined), true);
  assert.equal(parseFieldSelector('spec.nodeName!=').matcher(() => undefined), false);
  const esc = parseFieldSelector('metadata.name=a\\,b\\=c,metadata.namespace=ns');
  assert.deepEqual(esc.fields, ['metadata.name', 'metadata.namespace']);
  assert.equal(esc.matcher(fieldsOf({ 'metadata.name': 'a,b=c', 'metadata.namespace': 'ns' })), true);
});

test('field selector: other operators are refused', () => {
  for (const s of ['a>1', 'a<1', 'a in (x)', 'a', '!a', 'a>=1', '=x', 'a=\\x']) {
    assert.throws(() => parseFieldSelector(s), SelectorError, s);
  }
});
