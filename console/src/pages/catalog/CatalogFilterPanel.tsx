// The catalog's left column, as OpenShift's: Default / All templates, then the filter groups —
// boot source available, hide deprecated, operating system, workload.
import { Checkbox, Stack, Title, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { OS_GROUPS, toggled, type CatalogFilters } from '../../catalog/filters.ts';
import { WORKLOADS } from '../../catalog/template-meta.ts';
import type { CatalogMode } from '../../catalog/tiles.ts';
import { useT } from '../../context.tsx';

interface Props {
  mode: CatalogMode;
  onMode: (m: CatalogMode) => void;
  filters: CatalogFilters;
  onFilters: (f: CatalogFilters) => void;
}

export function CatalogFilterPanel({ mode, onMode, filters, onFilters }: Props) {
  const { t } = useT();
  const group = (title: string, children: React.ReactNode) => (
    <Stack hasGutter={false} style={{ gap: 6 }}>
      <Title headingLevel="h3" size="md">
        {title}
      </Title>
      {children}
    </Stack>
  );
  return (
    <Stack hasGutter id="catalog-filters">
      <ToggleGroup aria-label={t('catalog.templateCatalog')}>
        <ToggleGroupItem buttonId="catalog-mode-default" text={t('catalog.defaultTemplates')} isSelected={mode === 'default'} onChange={() => onMode('default')} />
        <ToggleGroupItem buttonId="catalog-mode-all" text={t('catalog.allTemplates')} isSelected={mode === 'all'} onChange={() => onMode('all')} />
      </ToggleGroup>
      <Checkbox
        id="filter-available"
        label={t('catalog.bootSourceAvailable')}
        isChecked={filters.onlyAvailable}
        onChange={(_e, v) => onFilters({ ...filters, onlyAvailable: v })}
      />
      <Checkbox
        id="filter-deprecated"
        label={t('catalog.hideDeprecated')}
        isChecked={filters.hideDeprecated}
        onChange={(_e, v) => onFilters({ ...filters, hideDeprecated: v })}
      />
      {group(
        t('catalog.os'),
        OS_GROUPS.map((g) => (
          <Checkbox key={g} id={`filter-os-${g}`} label={t(`os.${g}`)} isChecked={filters.osGroups.has(g)} onChange={() => onFilters({ ...filters, osGroups: toggled(filters.osGroups, g) })} />
        )),
      )}
      {group(
        t('catalog.workload'),
        WORKLOADS.map((w) => (
          <Checkbox
            key={w}
            id={`filter-workload-${w}`}
            label={t(`workload.${w}`)}
            isChecked={filters.workloads.has(w)}
            onChange={() => onFilters({ ...filters, workloads: toggled(filters.workloads, w) })}
          />
        )),
      )}
    </Stack>
  );
}
