import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootOrderOf, diskSourceDetail, diskSourceLabel } from './describe.ts';
import { newDisk } from './edits.ts';
import { start } from './wizard.fixture.ts';

test('the boot disk shows General\'s source; added disks their kind and detail', () => {
  const { state } = start('vireo-tiny-server-small');
  const root = state.disks[0]!;
  assert.deepEqual(diskSourceLabel(root, state.general, 'vireo-os-images/vireo-tiny'), { key: 'wizard.sourceTemplateRef', vars: { ref: 'vireo-os-images/vireo-tiny' } });
  assert.deepEqual(diskSourceLabel(root, { ...state.general, source: 'url', url: 'http://h/x ' }), { key: 'wizard.sourceUrl', vars: { url: 'http://h/x' } });
  const d = { ...newDisk(state), source: 'clonePvc' as const, pvcNamespace: 'a', pvcName: 'b' };
  assert.deepEqual(diskSourceLabel(d, state.general), { key: 'wizard.diskSource.clonePvc' });
  assert.equal(diskSourceDetail(d), 'a/b');
  assert.equal(diskSourceDetail(newDisk(state)), '');
  assert.equal(bootOrderOf(root, 'rootdisk', false), 1);
  assert.equal(bootOrderOf(root, 'rootdisk', true), 2);
  assert.equal(bootOrderOf(d, 'rootdisk', false), undefined);
});
