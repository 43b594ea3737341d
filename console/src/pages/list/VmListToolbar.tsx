// The VM list's toolbar: name search, filters (status, OS, node, label) shown as removable chips,
// bulk power actions on the selected VMs, the column chooser, and the pagination.
import {
  Button,
  Pagination,
  SearchInput,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarFilter,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useT } from '../../context.tsx';
import type { MessageKey } from '../../i18n.ts';
import { NO_FILTER, PER_PAGE_OPTIONS, parseLabelFilter, type ListFilter } from '../../vm/list-filter.ts';
import type { SortColumn } from '../../vm/rows.ts';
import { CheckSelect } from './CheckSelect.tsx';

export type BulkActionId = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';
export const BULK_ACTIONS: readonly BulkActionId[] = ['start', 'stop', 'restart', 'pause', 'unpause'];

export interface VmListToolbarProps {
  filter: ListFilter;
  onFilter: (f: ListFilter) => void;
  choices: { statuses: string[]; oses: string[]; nodes: string[] };
  columns: { all: readonly SortColumn[]; shown: readonly SortColumn[]; label: (c: SortColumn) => string; onChange: (shown: SortColumn[]) => void };
  selectedCount: number;
  onBulk: (id: BulkActionId) => void;
  busy: boolean;
  paging: { count: number; page: number; perPage: number; onPage: (page: number) => void; onPerPage: (perPage: number) => void };
}

export function VmListToolbar({ filter, onFilter, choices, columns, selectedCount, onBulk, busy, paging }: VmListToolbarProps) {
  const { t } = useT();
  const [labelText, setLabelText] = useState('');
  const labelOk = labelText.trim() === '' || parseLabelFilter(labelText) !== undefined;
  const addLabel = () => {
    const l = parseLabelFilter(labelText);
    if (!l) return;
    if (!filter.labels.includes(l)) onFilter({ ...filter, labels: [...filter.labels, l] });
    setLabelText('');
  };
  const opts = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
  const chips = (field: 'statuses' | 'oses' | 'nodes' | 'labels', category: MessageKey) => ({
    labels: filter[field],
    deleteLabel: (_c: unknown, chip: unknown) => onFilter({ ...filter, [field]: filter[field].filter((v) => v !== String(chip)) }),
    deleteLabelGroup: () => onFilter({ ...filter, [field]: [] }),
    categoryName: t(category),
  });
  return (
    <Toolbar id="vm-list-toolbar" clearAllFilters={() => onFilter(NO_FILTER)} collapseListedFiltersBreakpoint="xl">
      <ToolbarContent>
        <ToolbarItem>
          <SearchInput id="vm-search" placeholder={t('list.searchName')} value={filter.name} onChange={(_e, v) => onFilter({ ...filter, name: v })} onClear={() => onFilter({ ...filter, name: '' })} />
        </ToolbarItem>
        <ToolbarGroup variant="filter-group">
          <ToolbarFilter {...chips('statuses', 'list.filterStatus')}>
            <CheckSelect id="filter-status" label={t('list.filterStatus')} options={opts(choices.statuses)} selected={filter.statuses} onChange={(statuses) => onFilter({ ...filter, statuses })} />
          </ToolbarFilter>
          <ToolbarFilter {...chips('oses', 'list.filterOs')}>
            <CheckSelect id="filter-os" label={t('list.filterOs')} options={opts(choices.oses)} selected={filter.oses} onChange={(oses) => onFilter({ ...filter, oses })} />
          </ToolbarFilter>
          <ToolbarFilter {...chips('nodes', 'list.filterNode')}>
            <CheckSelect id="filter-node" label={t('list.filterNode')} options={opts(choices.nodes)} selected={filter.nodes} onChange={(nodes) => onFilter({ ...filter, nodes })} />
          </ToolbarFilter>
          <ToolbarFilter {...chips('labels', 'list.filterLabel')}>
            <TextInput
              id="filter-label"
              aria-label={t('list.filterLabel')}
              placeholder={t('list.labelPlaceholder')}
              value={labelText}
              validated={labelOk ? 'default' : 'error'}
              onChange={(_e, v) => setLabelText(v)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') addLabel();
              }}
              style={{ width: 200 }}
            />
          </ToolbarFilter>
        </ToolbarGroup>
        <ToolbarGroup>
          {BULK_ACTIONS.map((id) => (
            <ToolbarItem key={id}>
              <Button id={`bulk-${id}`} variant="secondary" size="sm" isDisabled={selectedCount === 0 || busy} onClick={() => onBulk(id)}>
                {t(`action.${id}` as MessageKey)}
              </Button>
            </ToolbarItem>
          ))}
          <ToolbarItem>
            <CheckSelect
              id="manage-columns"
              label={t('list.columns')}
              options={columns.all.map((c) => ({ value: c, label: columns.label(c), disabled: c === 'name' }))}
              selected={columns.shown}
              onChange={(shown) => columns.onChange(columns.all.filter((c) => c === 'name' || shown.includes(c)))}
            />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
          <Pagination
            id="vm-pagination"
            itemCount={paging.count}
            page={paging.page}
            perPage={paging.perPage}
            perPageOptions={PER_PAGE_OPTIONS.map((n) => ({ title: String(n), value: n }))}
            onSetPage={(_e, p) => paging.onPage(p)}
            onPerPageSelect={(_e, n) => paging.onPerPage(n)}
            isCompact
          />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
