import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Template } from '../api/types.ts';
import { TEMPLATES } from './common-templates.fixture.ts';
import { NO_FILTERS, filterTemplates, osGroup, toggled, type CatalogFilters } from './filters.ts';

const names = (f: Partial<CatalogFilters>, available: (t: Template) => boolean = () => true) => filterTemplates(TEMPLATES, { ...NO_FILTERS, ...f }, available).map((t) => t.metadata.name);

test('OS groups as OpenShift\'s filter offers them', () => {
  assert.deepEqual(['rhel9', 'rhel8', 'fedora', 'centos-stream9', 'windows2k22', 'windows10', 'ubuntu', 'debian', 'vireo-tiny'].map(osGroup), ['rhel', 'rhel', 'fedora', 'centos', 'windows', 'windows', 'other', 'other', 'other']);
});

test('keyword matches the display name or the template name, any case', () => {
  assert.ok(names({ query: 'TINY linux' }).every((n) => n.startsWith('vireo-tiny-')));
  assert.equal(names({ query: 'TINY linux' }).length, 2);
  assert.deepEqual(names({ query: 'win2' }), [], 'display names say "Windows Server 2022", names windows2k22');
  assert.ok(names({ query: 'windows2k22-server' }).length > 0);
  assert.equal(names({ query: '  ' }).length, TEMPLATES.length);
});

test('groups combine: any box within a group, every group', () => {
  const fedoraOrWindows = names({ osGroups: new Set(['fedora', 'windows']) });
  assert.ok(fedoraOrWindows.every((n) => n.startsWith('fedora-') || n.startsWith('windows')));
  const hp = names({ osGroups: new Set(['fedora', 'windows']), workloads: new Set(['highperformance']) });
  assert.ok(hp.length > 0 && hp.every((n) => n.includes('-highperformance-')));
  assert.ok(names({ osGroups: new Set(['other']) }).some((n) => n.startsWith('debian-')));
});

test('boot source available and hide deprecated', () => {
  assert.ok(names({ onlyAvailable: true }, (t) => t.metadata.name.startsWith('vireo-tiny-')).every((n) => n.startsWith('vireo-tiny-')));
  const shown = names({ hideDeprecated: true });
  assert.ok(!shown.some((n) => n.startsWith('windows10-')), 'Windows 10 is deprecated');
  assert.ok(shown.some((n) => n.startsWith('windows11-')));
});

test('toggled adds or removes without touching the original', () => {
  const a = new Set(['x']);
  assert.deepEqual([...toggled(a, 'y')], ['x', 'y']);
  assert.deepEqual([...toggled(a, 'x')], []);
  assert.deepEqual([...a], ['x']);
});
