// Create VirtualMachine → From template (seed 000's lab): the template catalog of the project, live
// from the API — tiles of the common templates with a "Source available" badge where the boot
// source's DataSource is Ready, filters and a keyword search; a tile opens the Quick create panel.
import {
  Alert,
  Button,
  Drawer,
  DrawerContent,
  DrawerContentBody,
  EmptyState,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  FlexItem,
  Gallery,
  PageSection,
  SearchInput,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useWatchList } from '../../api/hooks.ts';
import { key, paths } from '../../api/resources.ts';
import type { DataSource, Template } from '../../api/types.ts';
import { bootSource, hasSourceBadge, type BootSource } from '../../catalog/boot-source.ts';
import { NO_FILTERS, filterTemplates } from '../../catalog/filters.ts';
import { catalogTiles, type CatalogMode } from '../../catalog/tiles.ts';
import { useRouter, useT } from '../../context.tsx';
import { CatalogFilterPanel } from './CatalogFilterPanel.tsx';
import { ProjectSelect } from './ProjectSelect.tsx';
import { QuickCreatePanel } from './QuickCreatePanel.tsx';
import { TemplateTile } from './TemplateTile.tsx';

export function TemplatesCatalogPage({ namespace }: { namespace: string }) {
  const { t } = useT();
  const { navigate } = useRouter();
  const templates = useWatchList<Template>(paths.baseTemplates());
  const dataSources = useWatchList<DataSource>(paths.dataSources());
  const [filters, setFilters] = useState(NO_FILTERS);
  const [mode, setMode] = useState<CatalogMode>('default');
  const [selected, setSelected] = useState<string>();

  const sources = useMemo(
    () => new Map<string, BootSource>(templates.items.map((tp) => [key(tp), bootSource(tp, dataSources.items, dataSources.loaded)])),
    [templates.items, dataSources.items, dataSources.loaded],
  );
  const sourceOf = (tp: Template): BootSource => sources.get(key(tp)) ?? { state: 'loading' };
  const tiles = useMemo(
    () => catalogTiles(filterTemplates(templates.items, filters, (tp) => hasSourceBadge(sources.get(key(tp)) ?? { state: 'loading' })), mode),
    [templates.items, filters, sources, mode],
  );
  const chosen = templates.items.find((tp) => key(tp) === selected);
  const watchError = templates.error ?? dataSources.error;

  const panel = chosen && <QuickCreatePanel template={chosen} source={sourceOf(chosen)} namespace={namespace} onClose={() => setSelected(undefined)} />;
  return (
    <PageSection isFilled padding={{ default: 'noPadding' }}>
      {/* Over the catalog, as OpenShift's Quick create overlay, so the tiles keep their columns. */}
      <Drawer isExpanded={Boolean(chosen)}>
        <DrawerContent panelContent={panel}>
          <DrawerContentBody style={{ padding: 24 }}>
            <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsFlexEnd' }} style={{ marginBottom: 16 }}>
              <FlexItem>
                <Title headingLevel="h1">{t('catalog.title')}</Title>
                <p>{t('catalog.subtitle')}</p>
              </FlexItem>
              <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapSm' }}>
                <label htmlFor="catalog-project">{t('catalog.project')}</label>
                <ProjectSelect namespace={namespace} onChange={(ns) => navigate({ page: 'catalog', namespace: ns })} />
              </Flex>
            </Flex>
            <Title headingLevel="h2" size="lg" style={{ marginBottom: 16 }}>
              {t('catalog.templateCatalog')}
            </Title>
            {watchError && <Alert variant="warning" isInline title={t('watch.error', { message: watchError })} style={{ marginBottom: 16 }} />}
            <Flex flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsFlexStart' }} gap={{ default: 'gapLg' }}>
              <FlexItem style={{ width: 240, flexShrink: 0 }}>
                <CatalogFilterPanel mode={mode} onMode={setMode} filters={filters} onFilters={setFilters} />
              </FlexItem>
              <FlexItem flex={{ default: 'flex_1' }} style={{ minWidth: 0 }}>
                <Flex alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: 16 }}>
                  <SearchInput
                    id="catalog-search"
                    placeholder={t('catalog.search')}
                    value={filters.query}
                    onChange={(_e, v) => setFilters({ ...filters, query: v })}
                    onClear={() => setFilters({ ...filters, query: '' })}
                    style={{ width: 320 }}
                  />
                  <span id="catalog-count">{t('catalog.count', { count: tiles.length })}</span>
                </Flex>
                {tiles.length > 0 ? (
                  <Gallery hasGutter minWidths={{ default: '220px' }} id="catalog-tiles">
                    {tiles.map((tp) => (
                      <TemplateTile key={key(tp)} template={tp} sourceAvailable={hasSourceBadge(sourceOf(tp))} selected={key(tp) === selected} onOpen={(x) => setSelected(key(x))} />
                    ))}
                  </Gallery>
                ) : (
                  <EmptyState
                    id="catalog-empty"
                    headingLevel="h3"
                    titleText={!templates.loaded ? t('catalog.loading') : templates.items.length === 0 ? t('catalog.noTemplates') : t('catalog.empty')}
                  >
                    {templates.items.length > 0 && (
                      <>
                        <EmptyStateBody>{t('catalog.emptyBody')}</EmptyStateBody>
                        <EmptyStateFooter>
                          <Button variant="link" onClick={() => setFilters(NO_FILTERS)}>
                            {t('catalog.clearFilters')}
                          </Button>
                        </EmptyStateFooter>
                      </>
                    )}
                  </EmptyState>
                )}
              </FlexItem>
            </Flex>
          </DrawerContentBody>
        </DrawerContent>
      </Drawer>
    </PageSection>
  );
}
