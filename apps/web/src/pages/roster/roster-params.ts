// The roster's filters, paging and sorting live in the URL query string so a view can be shared.
import type { RosterFilters } from '../../api/endpoints';

const FILTER_KEYS = [
  'orgId',
  'q',
  'role',
  'committee',
  'college',
  'ageMin',
  'ageMax',
  'gender',
  'politicalStatus',
  'refDate',
] as const;

export type SortField = 'name' | 'birthDate' | 'org';
export type SortOrder = 'asc' | 'desc';

export interface RosterView {
  filters: RosterFilters;
  sort?: SortField;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

const SORT_FIELDS: readonly SortField[] = ['name', 'birthDate', 'org'];
const PAGE_SIZES = [10, 20, 50, 100, 200];

function intParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `defaultPageSize`: the platform setting (a list opened without one); kept out of the URL when chosen. */
export function readRosterView(params: URLSearchParams, defaultPageSize = 20): RosterView {
  const text = (key: string) => params.get(key) || undefined;
  const sort = params.get('sort') as SortField | null;
  const order = params.get('order');
  const pageSize = intParam(params.get('pageSize'));
  return {
    filters: {
      orgId: text('orgId'),
      q: text('q'),
      role: text('role'),
      committee: text('committee'),
      college: text('college'),
      ageMin: intParam(params.get('ageMin')),
      ageMax: intParam(params.get('ageMax')),
      gender: text('gender'),
      politicalStatus: text('politicalStatus'),
      refDate: text('refDate'),
    },
    sort: sort && SORT_FIELDS.includes(sort) ? sort : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: Math.max(1, intParam(params.get('page')) ?? 1),
    pageSize: pageSize && PAGE_SIZES.includes(pageSize) ? pageSize : defaultPageSize,
  };
}

export function writeRosterView(view: RosterView, defaultPageSize = 20): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  if (view.sort) params.set('sort', view.sort);
  if (view.order) params.set('order', view.order);
  if (view.page > 1) params.set('page', String(view.page));
  if (view.pageSize !== defaultPageSize) params.set('pageSize', String(view.pageSize));
  return params;
}

export { PAGE_SIZES };
