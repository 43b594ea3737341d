import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Template } from '../api/types.ts';
import { TEMPLATES, template } from './common-templates.fixture.ts';
import { NO_FILTERS, filterTemplates } from './filters.ts';
import { DEFAULT_VARIANT_LABEL, templateOs } from './template-meta.ts';
import { catalogTiles, groupTiles, sortTemplates } from './tiles.ts';

const names = (ts: Template[]) => ts.map((t) => t.metadata.name);

test('Default templates: one tile per OS, the server-small variant where there is one', () => {
  const tiles = catalogTiles(TEMPLATES, 'default');
  const oses = tiles.map(templateOs);
  assert.equal(new Set(oses).size, oses.length, 'each OS once');
  assert.equal(tiles.length, 11);
  assert.deepEqual(names(tiles).slice(0, 2), ['rhel8-server-small', 'rhel9-server-small'], 'RHEL first, as OpenShift');
  for (const n of ['fedora-server-small', 'vireo-tiny-server-small', 'windows10-desktop-medium', 'windows2k22-server-medium']) assert.ok(names(tiles).includes(n), n);
  assert.equal(catalogTiles(TEMPLATES, 'all').length, TEMPLATES.length);
});

test('the default-os-variant label wins; grouping is per template namespace', () => {
  const large = template('fedora-desktop-large');
  const marked = { ...large, metadata: { ...large.metadata, labels: { ...large.metadata.labels, [DEFAULT_VARIANT_LABEL]: 'true' } } };
  const mine = { ...template('fedora-server-tiny'), metadata: { ...template('fedora-server-tiny').metadata, namespace: 'team' } };
  const tiles = groupTiles([...TEMPLATES.filter((t) => templateOs(t) === 'fedora' && t !== large), marked, mine]);
  assert.deepEqual(names(tiles).sort(), ['fedora-desktop-large', 'fedora-server-tiny']);
});

test('filtering first, so a workload filter shows that workload\'s variant of each OS', () => {
  const desktop = catalogTiles(filterTemplates(TEMPLATES, { ...NO_FILTERS, workloads: new Set(['desktop']) }, () => true), 'default');
  assert.ok(names(desktop).includes('fedora-desktop-small'));
  assert.ok(!names(desktop).some((n) => n.includes('-server-')));
});

test('sort: RHEL, then display name, then name', () => {
  const sorted = sortTemplates([template('ubuntu-server-small'), template('fedora-server-tiny'), template('rhel9-server-small'), template('fedora-server-large')]);
  assert.deepEqual(names(sorted), ['rhel9-server-small', 'fedora-server-large', 'fedora-server-tiny', 'ubuntu-server-small']);
});
