import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cdiUploadMode, parseUploadPath, uploadAgentPath } from './upload-route.ts';

test("CDI's upload URLs and what each means", () => {
  assert.deepEqual(cdiUploadMode('/v1beta1/upload'), { form: false, async: false });
  assert.deepEqual(cdiUploadMode('/v1beta1/upload-async'), { form: false, async: true });
  assert.deepEqual(cdiUploadMode('/v1beta1/upload-form'), { form: true, async: false });
  assert.deepEqual(cdiUploadMode('/v1alpha1/upload-form-async'), { form: true, async: true });
  assert.equal(cdiUploadMode('/v1beta1/uploads'), undefined);
  assert.equal(cdiUploadMode('/apis/v1beta1/upload'), undefined);
});

test('the agent path round-trips namespace, name and mode', () => {
  const path = uploadAgentPath('my ns', 'disk', { async: true, form: false });
  assert.equal(path, '/v1/namespaces/my%20ns/pvcs/disk/upload?async=1');
  assert.deepEqual(parseUploadPath(path), { namespace: 'my ns', name: 'disk', async: true, form: false });
  assert.deepEqual(parseUploadPath(uploadAgentPath('ns', 'd', { async: false, form: true })), { namespace: 'ns', name: 'd', async: false, form: true });
  assert.equal(parseUploadPath('/v1/namespaces/ns/vmis/d/console'), undefined);
  assert.equal(parseUploadPath('/v1/namespaces/%E0%A4%A/pvcs/d/upload'), undefined);
});
