// The board's filters, view, paging and sorting live in the URL so a view can be shared.
import type { MatterFilters } from '../../api/endpoints';

type BoardViewMode = 'list' | 'kanban';

export interface BoardView {
  filters: MatterFilters;
  mode: BoardViewMode;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [10, 20, 50, 100];
const TEXT_KEYS = [
  'orgId',
  'state',
  'category',
  'priority',
  'unitId',
  'q',
  'raisedFrom',
  'raisedTo',
] as const;
const SORTS = ['raisedAt', 'deadline', 'updatedAt'] as const;

function positiveInt(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `defaultPageSize`: the platform setting (a list opened without one); kept out of the URL when chosen. */
export function readBoardView(params: URLSearchParams, defaultPageSize = 20): BoardView {
  const filters: MatterFilters = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  if (params.get('overdue') === 'true') filters.overdue = 'true';
  const escalation = positiveInt(params.get('escalation'));
  if (escalation && escalation <= 3) filters.escalation = escalation;
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) filters.sort = sort as MatterFilters['sort'];
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') filters.order = order;
  const pageSize = positiveInt(params.get('pageSize'));
  return {
    filters,
    mode: params.get('view') === 'kanban' ? 'kanban' : 'list',
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize && PAGE_SIZES.includes(pageSize) ? pageSize : defaultPageSize,
  };
}

export function writeBoardView(view: BoardView, defaultPageSize = 20): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view.filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (view.mode === 'kanban') params.set('view', 'kanban');
  if (view.page > 1) params.set('page', String(view.page));
  if (view.pageSize !== defaultPageSize) params.set('pageSize', String(view.pageSize));
  return params;
}

/** The filters without sorting (counts and kanban columns do not sort). */
export function withoutSort(filters: MatterFilters): MatterFilters {
  const { sort: _s, order: _o, ...rest } = filters;
  return rest;
}
