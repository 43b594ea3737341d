import assert from 'node:assert/strict';
import { test } from 'node:test';
import { causeText, fieldErrors } from './causes.ts';

const text = `metadata:
  name: x
spec:
  template:
    spec:
      domain:
        resources:
          requests:
            memory: 128Mi
          limits:
            memory: 64Mi
`;
const LIMIT = 'spec.template.spec.domain.resources.limits.memory';

test('cause text names the field once', () => {
  assert.equal(causeText({ field: LIMIT, message: `${LIMIT} (64Mi) must be at least 100Mi greater than …` }), `${LIMIT} (64Mi) must be at least 100Mi greater than …`);
  assert.equal(causeText({ field: 'metadata.name', message: 'Required value', reason: 'FieldValueRequired' }), 'metadata.name: Required value');
  assert.equal(causeText({ reason: 'FieldValueInvalid' }), 'FieldValueInvalid');
});

test('causes are placed on their fields in the text', () => {
  const [limit, unknown, none] = fieldErrors(text, [
    { field: LIMIT, message: 'too small' },
    { field: 'spec.template.spec.domain.cpu.cores', message: 'bad' },
    { message: 'no field' },
  ]);
  assert.equal(text.slice(limit.from, limit.to), 'memory: 64Mi');
  assert.equal(limit.text, `${LIMIT}: too small`);
  assert.equal(text.slice(unknown.from, unknown.to), 'domain', 'a field not in the text: its nearest ancestor');
  assert.deepEqual(none, { field: undefined, text: 'no field' });
});
