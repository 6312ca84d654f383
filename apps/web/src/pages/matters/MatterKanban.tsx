// The board's kanban: one column per state group, counted by /api/matters/counts, paged per column.
import type { MatterListItem, MatterState } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Pagination, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { mattersApi, type MatterFilters } from '../../api/endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { DeadlineLight, SatisfactionTag, StateTag } from '../../features/matters/MatterTags';
import { STATE_GROUPS, categoryName, type StateGroupKey } from '../../features/matters/matter-labels';
import { useMatterCatalog } from '../../features/matters/use-catalog';

const CARDS_PER_COLUMN = 8;

/** Open columns put the nearest deadline first; the closed column the latest change. */
const columnSort = (key: StateGroupKey) =>
  key === 'closed'
    ? ({ sort: 'updatedAt', order: 'desc' } as const)
    : ({ sort: 'deadline', order: 'asc' } as const);

function MatterCard({ matter, showState }: { matter: MatterListItem; showState: boolean }) {
  const lang = useLanguage();
  const catalog = useMatterCatalog();
  return (
    <Link
      to={`/matters/${encodeURIComponent(matter.id)}`}
      className={matter.isOverdue ? 'xh-kanban-card xh-kanban-card-overdue' : 'xh-kanban-card'}
      data-testid="kanban-card"
    >
      <div className="xh-kanban-card-head">
        <span className="xh-mono">{matter.code}</span>
        <span className="xh-kanban-card-category">
          {catalog.data ? categoryName(catalog.data, matter.category, lang) : matter.categoryName}
        </span>
      </div>
      <div className="xh-kanban-card-title">{matter.title}</div>
      <div className="xh-kanban-card-meta">
        {matter.villageName}
        {matter.leadUnit ? ` → ${matter.leadUnit.name}` : ''}
      </div>
      <div className="xh-kanban-card-tags">
        {showState && <StateTag state={matter.state} outcome={matter.outcome} />}
        {matter.deadline && <span className="xh-mono xh-kanban-deadline">{matter.deadline}</span>}
        <DeadlineLight matter={matter} />
        <SatisfactionTag value={matter.satisfaction} />
      </div>
    </Link>
  );
}

function KanbanColumn({
  groupKey,
  states,
  count,
  filters,
}: {
  groupKey: StateGroupKey;
  states: readonly MatterState[];
  count: number;
  filters: MatterFilters;
}) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['matters', 'list', 'kanban', groupKey, filters, page],
    queryFn: ({ signal }) =>
      mattersApi.list(
        {
          ...filters,
          state: states.join(','),
          page,
          pageSize: CARDS_PER_COLUMN,
          ...columnSort(groupKey),
        },
        signal,
      ),
    enabled: states.length > 0 && count > 0,
    placeholderData: keepPreviousData,
  });
  const items = count > 0 ? (list.data?.items ?? []) : [];
  return (
    <Card
      size="small"
      className="xh-kanban-column"
      data-testid={`kanban-column-${groupKey}`}
      title={
        <span className="xh-kanban-column-title">
          {t(`board.group.${groupKey}`)}
          <Badge count={count} showZero overflowCount={9999} color={count > 0 ? '#c62f2f' : '#bfbfbf'} />
        </span>
      }
    >
      {list.isFetching && items.length === 0 ? (
        <Spin size="small" />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      ) : (
        <div className="xh-kanban-cards">
          {items.map((m) => (
            <MatterCard key={m.id} matter={m} showState={states.length > 1} />
          ))}
        </div>
      )}
      {count > CARDS_PER_COLUMN && (
        <Pagination
          simple
          size="small"
          className="xh-kanban-pager"
          current={page}
          pageSize={CARDS_PER_COLUMN}
          total={count}
          onChange={setPage}
        />
      )}
    </Card>
  );
}

export function MatterKanban({ filters }: { filters: MatterFilters }) {
  const t = useT();
  const { state: stateFilter, sort: _s, order: _o, ...rest } = filters;
  const chosen = stateFilter ? new Set(stateFilter.split(',')) : null;
  const counts = useQuery({
    queryKey: ['matters', 'counts', filters],
    queryFn: ({ signal }) => mattersApi.counts(filters, signal),
    placeholderData: keepPreviousData,
  });
  const countOf = (states: readonly MatterState[]) =>
    (counts.data?.byState ?? []).filter((c) => states.includes(c.state)).reduce((n, c) => n + c.count, 0);

  return (
    <div className="xh-kanban" data-testid="matter-kanban">
      {counts.isError && <Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text>}
      {STATE_GROUPS.map((g) => {
        const states = g.states.filter((s) => !chosen || chosen.has(s));
        return (
          <KanbanColumn
            key={g.key}
            groupKey={g.key}
            states={states}
            count={states.length > 0 ? countOf(states) : 0}
            filters={rest}
          />
        );
      })}
    </div>
  );
}
