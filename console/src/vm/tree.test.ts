import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualMachine } from '../api/types.ts';
import { FOLDER_LABEL, folderId, folderMove, folderNameOk, nsId, parseTreeId, treeProjects, vmId } from './tree.ts';

const vm = (ns: string, name: string, folder?: string): VirtualMachine => ({ metadata: { namespace: ns, name, labels: folder ? { [FOLDER_LABEL]: folder } : {} } });
const vms = [vm('a', 'web10'), vm('a', 'web9'), vm('a', 'db', 'data'), vm('a', 'cache', 'data'), vm('a', 'ci', 'build'), vm('c', 'x')];

test('projects hold their folders and loose VMs, all in natural order; counts include folders', () => {
  const t = treeProjects(vms, ['a', 'b', 'c'], false);
  assert.deepEqual(t.map((p) => p.ns), ['a', 'b', 'c']);
  assert.deepEqual(t[0], {
    ns: 'a',
    folders: [{ name: 'build', vms: ['ci'] }, { name: 'data', vms: ['cache', 'db'] }],
    vms: ['web9', 'web10'],
    count: 5,
  });
  assert.deepEqual(t[1], { ns: 'b', folders: [], vms: [], count: 0 });
});

test('"only projects with VMs" hides the empty ones; a VM\'s project shows even if not listed', () => {
  assert.deepEqual(treeProjects(vms, ['a', 'b'], true).map((p) => p.ns), ['a', 'c']);
});

test('tree ids round-trip, folder names may contain slashes in the id', () => {
  assert.deepEqual(parseTreeId(nsId('a')), { kind: 'ns', ns: 'a' });
  assert.deepEqual(parseTreeId(folderId('a', 'data')), { kind: 'folder', ns: 'a', folder: 'data' });
  assert.deepEqual(parseTreeId(vmId('a', 'db')), { kind: 'vm', ns: 'a', name: 'db' });
  assert.deepEqual(parseTreeId('#all'), { kind: 'all' });
});

test('a drop on a folder of the same project moves the VM there; on its project, out of its folder', () => {
  assert.deepEqual(folderMove(vm('a', 'web9'), { kind: 'folder', ns: 'a', folder: 'data' }), { labels: { [FOLDER_LABEL]: 'data' } });
  assert.deepEqual(folderMove(vm('a', 'db', 'data'), { kind: 'folder', ns: 'a', folder: 'build' }), { labels: { [FOLDER_LABEL]: 'build' } });
  assert.deepEqual(folderMove(vm('a', 'db', 'data'), { kind: 'ns', ns: 'a' }), { labels: { [FOLDER_LABEL]: null } });
});

test('drops that mean nothing: another project, the same folder, a loose VM on its project, a VM node', () => {
  assert.equal(folderMove(vm('a', 'web9'), { kind: 'folder', ns: 'c', folder: 'data' }), undefined);
  assert.equal(folderMove(vm('a', 'db', 'data'), { kind: 'folder', ns: 'a', folder: 'data' }), undefined);
  assert.equal(folderMove(vm('a', 'web9'), { kind: 'ns', ns: 'a' }), undefined);
  assert.equal(folderMove(vm('a', 'web9'), { kind: 'vm', ns: 'a', name: 'db' }), undefined);
});

test('folder names are label values', () => {
  assert.equal(folderNameOk('prod-web_1.x'), true);
  assert.equal(folderNameOk(''), false);
  assert.equal(folderNameOk('-x'), false);
  assert.equal(folderNameOk('a b'), false);
  assert.equal(folderNameOk('x'.repeat(64)), false);
});
