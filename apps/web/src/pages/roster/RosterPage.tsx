// 花名册: the people in the current org's subtree, with server-side filters, paging and sorting.
import { useDefaultPageSize } from '../../features/settings/use-settings';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { lrmxApi } from '../../api/lrmx-endpoints';
import { DownloadButton } from '../../components/DownloadButton';
import { peopleApi, type RosterFilters as Filters } from '../../api/endpoints';
import type { PersonListItem } from '@xinhuo/shared';
import { hasPermission, useMe } from '../../auth/me-context';
import { OrgBreadcrumb, useOrgDetail } from '../../components/OrgBreadcrumb';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useColumnSettings } from '../../components/ColumnSettings';
import { useLanguage, useT } from '../../i18n/use-t';
import { useCurrentOrg } from '../../layout/current-org';
import { rosterColumns } from './roster-columns';
import {
  PAGE_SIZES,
  readRosterView,
  writeRosterView,
  type RosterView,
  type SortField,
} from './roster-params';
import { RosterFilters } from './RosterFilters';
import './roster.css';
import { useListParams } from '../../lib/use-list-params';

/** What a phone's card shows of a person: the name (a link), where and what they serve, age, phone. */
const ROSTER_CARD_FIELDS = ['name', 'org', 'positions', 'age', 'phone'];
/** Hidden until shown in 列设置, so the ID, phone and 一肩挑 columns fit 1366 px (the age stays). */
const ROSTER_DEFAULT_HIDDEN = ['birthDate', 'politicalStatus'];

export default function RosterPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useListParams('roster');
  const { currentOrg, setCurrentOrg } = useCurrentOrg();
  const defaultPageSize = useDefaultPageSize();
  const view = readRosterView(params, defaultPageSize);
  const filters: Filters = { ...view.filters, orgId: view.filters.orgId ?? currentOrg?.id };

  // The page after one already read is read by keyset (the server's `next`): the next page of a large
  // scope costs the same as the first, where an offset reads and drops every row before it.
  const keysets = useRef(new Map<string, string>());
  const pageKey = (page: number) => JSON.stringify([filters, view.sort, view.order, view.pageSize, page]);
  const people = useQuery({
    queryKey: ['people', 'list', filters, view.sort, view.order, view.page, view.pageSize],
    queryFn: async ({ signal }) => {
      const after = keysets.current.get(pageKey(view.page));
      const got = await peopleApi.list(
        {
          ...filters,
          sort: view.sort,
          order: view.order,
          page: view.page,
          pageSize: view.pageSize,
          ...(after ? { after } : {}),
        },
        signal,
      );
      if (got.next) keysets.current.set(pageKey(view.page + 1), got.next);
      return got;
    },
    placeholderData: keepPreviousData,
  });

  // A shared link names its org: make it the current one (the tree highlights it).
  const org = useOrgDetail(view.filters.orgId);
  const loadedId = org.data?.id;
  const loadedName = org.data?.name;
  useEffect(() => {
    if (loadedId && loadedName) setCurrentOrg({ id: loadedId, name: loadedName });
  }, [loadedId, loadedName, setCurrentOrg]);

  const update = (next: Partial<RosterView>) => {
    setParams(writeRosterView({ ...view, filters: { ...filters }, ...next }, defaultPageSize));
  };

  const settings = useColumnSettings('roster', rosterColumns(t, lang, view.sort, view.order), {
    locked: ['name'],
    defaultHidden: ROSTER_DEFAULT_HIDDEN,
  });

  const exportHref = peopleApi.exportUrl({ ...filters, sort: view.sort, order: view.order });

  return (
    <div data-testid="roster">
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Typography.Title level={1}>{t('roster.title')}</Typography.Title>
          {filters.orgId && (
            <OrgBreadcrumb
              orgId={filters.orgId}
              orgName={currentOrg?.id === filters.orgId ? currentOrg.name : undefined}
              hrefFor={(id) =>
                `/roster?${writeRosterView({ ...view, filters: { ...filters, orgId: id }, page: 1 }, defaultPageSize).toString()}`
              }
            />
          )}
        </Space>
        <Space wrap>
          {hasPermission(me, 'roster:write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/people/new')}
              data-testid="person-new"
            >
              {t('personForm.new')}
            </Button>
          )}
          {hasPermission(me, 'roster:export') && (
            <Tooltip title={t('roster.exportHint')}>
              <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="roster-export">
                {t('roster.export')}
              </Button>
            </Tooltip>
          )}
          {hasPermission(me, 'pii:reveal') && (
            <DownloadButton
              download={() => lrmxApi.downloadRoster({ ...filters, sort: view.sort, order: view.order })}
              hint={t('lrmx.exportRosterHint')}
              testId="roster-lrmx-export"
            >
              {t('lrmx.exportRoster')}
            </DownloadButton>
          )}
          {settings.control}
        </Space>
      </div>
      <Card size="small" className="xh-filters-card">
        <RosterFilters
          filters={view.filters}
          onApply={(applied) => update({ filters: { ...applied, orgId: filters.orgId }, page: 1 })}
        />
      </Card>
      {people.isError && !people.data ? (
        <QueryError error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <ResponsiveTable<PersonListItem>
          rowKey="id"
          cardFields={ROSTER_CARD_FIELDS}
          size={settings.size}
          className="xh-roster-table"
          data-testid="roster-table"
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          columns={settings.columns}
          scroll={settings.scroll}
          pagination={{
            current: view.page,
            pageSize: view.pageSize,
            total: people.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination, _filters, sorter, extra) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const sortKey = single?.order ? (single.columnKey as SortField) : undefined;
            const order =
              single?.order === 'descend' ? 'desc' : single?.order === 'ascend' ? 'asc' : undefined;
            const sortChanged = extra.action === 'sort';
            update({
              sort: sortKey,
              order: sortKey ? order : undefined,
              page: sortChanged ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? view.pageSize,
            });
          }}
        />
      )}
    </div>
  );
}
