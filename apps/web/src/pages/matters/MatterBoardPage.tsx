// 事项看板: the matters in the user's scope as a server-paged filtered list or a kanban by state group.
import { useDefaultPageSize } from '../../features/settings/use-settings';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Modal, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { mattersApi } from '../../api/endpoints';
import type { MatterListItem } from '@xinhuo/shared';
import { ExportButton } from '../../components/ExportButton';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useColumnSettings } from '../../components/ColumnSettings';
import { useLanguage, useT } from '../../i18n/use-t';
import { BoardFilters } from './BoardFilters';
import { PAGE_SIZES, readBoardView, writeBoardView, type BoardView } from './board-params';
import { matterColumns } from '../../features/matters/matter-columns';
import { MatterKanban } from './MatterKanban';
import { RaiseMatterForm } from '../../features/matters/RaiseMatterForm';
import { useMatterCatalog } from '../../features/matters/use-catalog';
import '../../features/matters/matters.css';
import { useListParams } from '../../lib/use-list-params';

/** What a phone's card shows of a matter: the title (a link), its number, village, state, lead unit, deadline. */
const BOARD_CARD_FIELDS = ['title', 'code', 'village', 'state', 'leadUnit', 'deadline'];
/** Hidden until shown in 列设置, so the title, 办结时限 and 满意度 fit 1366 px (the list is sorted by 交办 date). */
const BOARD_DEFAULT_HIDDEN = ['priority', 'raiser', 'raisedAt'];

export default function MatterBoardPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useListParams('matters');
  const [raising, setRaising] = useState(false);
  // A very large scope's total is the database's estimate ("about N") until asked to count exactly.
  const [exactTotal, setExactTotal] = useState(false);
  const defaultPageSize = useDefaultPageSize();
  const view = readBoardView(params, defaultPageSize);
  const catalog = useMatterCatalog();

  const list = useQuery({
    queryKey: ['matters', 'list', view.filters, view.page, view.pageSize, exactTotal],
    queryFn: ({ signal }) =>
      mattersApi.list(
        {
          ...view.filters,
          page: view.page,
          pageSize: view.pageSize,
          ...(exactTotal ? { exactTotal: 'true' as const } : {}),
        },
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled: view.mode === 'list',
  });

  const update = (next: Partial<BoardView>) =>
    setParams(writeBoardView({ ...view, ...next }, defaultPageSize));
  const { sort: _s, order: _o, ...exportFilters } = view.filters;
  const settings = useColumnSettings(
    'matters',
    matterColumns<MatterListItem>(t, lang, { ...view.filters, catalog: catalog.data }),
    { locked: ['title'], defaultHidden: BOARD_DEFAULT_HIDDEN },
  );

  return (
    <div data-testid="matter-board">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('board.title')}</Typography.Title>
        <Space wrap>
          <Segmented
            value={view.mode}
            onChange={(mode) => update({ mode: mode as BoardView['mode'], page: 1 })}
            options={[
              { value: 'list', label: t('board.list'), icon: <UnorderedListOutlined /> },
              { value: 'kanban', label: t('board.kanban'), icon: <AppstoreOutlined /> },
            ]}
            data-testid="board-mode"
          />
          {hasPermission(me, 'matters:raise') && (
            <Button icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="board-raise">
              {t('raise.button')}
            </Button>
          )}
          <ExportButton
            size="middle"
            hint={t('board.exportHint')}
            href={mattersApi.exportUrl({
              ...exportFilters,
              sort: view.filters.sort,
              order: view.filters.order,
            })}
            testId="board-export"
          />
          {view.mode === 'list' && settings.control}
        </Space>
      </div>
      <Card size="small" className="xh-filters-card">
        <BoardFilters filters={view.filters} onApply={(filters) => update({ filters, page: 1 })} />
      </Card>
      {view.mode === 'kanban' ? (
        <MatterKanban filters={view.filters} />
      ) : list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveTable<MatterListItem>
          rowKey="id"
          cardFields={BOARD_CARD_FIELDS}
          size={settings.size}
          data-testid="matter-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={settings.columns}
          scroll={settings.scroll}
          rowClassName={(row) => (row.isOverdue ? 'xh-row-overdue' : '')}
          pagination={{
            current: view.page,
            pageSize: view.pageSize,
            total: list.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) =>
              list.data?.totalEstimated ? (
                <span data-testid="board-total-estimated">
                  {t('board.totalAbout', { total: total.toLocaleString() })}{' '}
                  <Button type="link" size="small" onClick={() => setExactTotal(true)}>
                    {t('board.countExactly')}
                  </Button>
                </span>
              ) : (
                t('common.total', { total })
              ),
          }}
          onChange={(pagination, _f, sorter, extra) => {
            const single = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = single?.order ? (single.columnKey as 'raisedAt' | 'deadline') : undefined;
            const order =
              single?.order === 'ascend' ? 'asc' : single?.order === 'descend' ? 'desc' : undefined;
            update({
              filters: { ...view.filters, sort: key, order: key ? order : undefined },
              page: extra.action === 'sort' ? 1 : (pagination.current ?? 1),
              pageSize: pagination.pageSize ?? view.pageSize,
            });
          }}
        />
      )}
      <Modal
        open={raising}
        title={t('raise.title')}
        footer={null}
        onCancel={() => setRaising(false)}
        destroyOnHidden
        width={720}
      >
        <RaiseMatterForm
          submit={async (input) => {
            const created = await mattersApi.raise(input);
            void message.success(t('raise.done', { code: created.code }));
            return created.id;
          }}
          onDone={(id) => {
            void queryClient.invalidateQueries({ queryKey: ['matters'] });
            setRaising(false);
            void navigate(`/matters/${encodeURIComponent(id)}`);
          }}
        />
      </Modal>
    </div>
  );
}
