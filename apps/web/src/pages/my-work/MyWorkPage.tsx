// 我的待办 (My work): what waits for the signed-in user or their unit — by kind with counts, overdue first,
// each row one click from its action (the matter page opens the action's form).
import { MY_WORK_KINDS, type MatterAction, type MyWorkItem, type MyWorkKind } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { myWorkApi } from '../../api/endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { matterLabel } from '../../features/matters/matter-labels';
import { useMyWorkCounts } from '../../features/my-work/use-my-work';
import '../../features/matters/matters.css';
import './my-work.css';
import { useListParams } from '../../lib/use-list-params';

const PAGE_SIZE = 20;
/** What a phone's card shows: the title (a link), the kind, number, village, unit, due date and the button. */
const CARD_FIELDS = ['title', 'kind', 'code', 'village', 'unit', 'due', 'act'];

/** The action an item opens: the usual next step of the party (the matter page lists the others). */
function actionOf(item: MyWorkItem): MatterAction | null {
  switch (item.kind) {
    case 'to_dispatch':
      return item.state === 'registered' ? 'dispatch' : null;
    case 'to_sign':
      return 'sign';
    case 'to_handle':
      return item.role === 'co' ? 'co_reply' : 'submit';
    case 'to_decide_extension':
      return 'decide_extension';
    case 'to_verify':
      return 'accept';
    case 'to_rate':
      return 'rate';
  }
}

function hrefOf(item: MyWorkItem): string {
  const act = actionOf(item);
  return `/matters/${encodeURIComponent(item.matterId)}${act ? `?act=${act}` : ''}`;
}

const kindKey = (k: MyWorkKind) => `myWork.kind.${k}` as MessageKey;

export default function MyWorkPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useListParams('my-work');
  const kindParam = params.get('kind');
  const kind = (MY_WORK_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as MyWorkKind)
    : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const counts = useMyWorkCounts();
  const list = useQuery({
    queryKey: ['my-work', 'list', kind ?? 'all', page],
    queryFn: ({ signal }) => myWorkApi.list({ kind, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const setView = (next: { kind?: MyWorkKind; page?: number }) => {
    const p = new URLSearchParams();
    if (next.kind) p.set('kind', next.kind);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const byKind = counts.data?.counts ?? list.data?.counts ?? [];
  const total = counts.data?.total ?? byKind.reduce((n, c) => n + c.count, 0);

  const columns: ColumnsType<MyWorkItem> = [
    {
      key: 'title',
      title: t('matter.title'),
      dataIndex: 'title',
      ellipsis: { showTitle: true },
      render: (title: string, r) => (
        <Link to={hrefOf(r)} data-testid="my-work-open">
          {title}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('myWork.kindCol'),
      dataIndex: 'kind',
      width: 120,
      render: (k: MyWorkKind) => <Tag color="blue">{t(kindKey(k))}</Tag>,
    },
    {
      key: 'code',
      title: t('matter.code'),
      dataIndex: 'code',
      width: 130,
      render: (code: string) => <span className="xh-mono">{code}</span>,
    },
    { key: 'village', title: t('matter.village'), dataIndex: 'villageName', width: 120 },
    {
      key: 'unit',
      title: t('myWork.unit'),
      dataIndex: 'unitName',
      width: 150,
      render: (u: string | null, r) =>
        u ? `${u}${r.role ? ` · ${matterLabel('assignmentRole', r.role, lang)}` : ''}` : '—',
    },
    {
      key: 'due',
      title: t('myWork.due'),
      dataIndex: 'due',
      width: 150,
      render: (due: string | null, r) =>
        due ? (
          <span className={r.overdue ? 'xh-mono xh-overdue-text' : 'xh-mono'}>
            {due}
            {r.overdue && (
              <Tag color="red" className="xh-my-work-overdue">
                {t('myWork.overdue')}
              </Tag>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'act',
      title: '',
      width: 110,
      render: (_: unknown, r) => {
        const act = actionOf(r);
        return (
          <Link to={hrefOf(r)} data-testid={`my-work-act-${r.kind}`}>
            <Button size="small" type="primary">
              {act ? matterLabel('action', act, lang) : t('myWork.act')}
            </Button>
          </Link>
        );
      },
    },
  ];

  return (
    <div data-testid="my-work-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('myWork.title')}</Typography.Title>
      </div>
      <Segmented
        className="xh-my-work-kinds"
        aria-label={t('myWork.filter')}
        value={kind ?? 'all'}
        onChange={(v) => setView({ kind: v === 'all' ? undefined : (v as MyWorkKind) })}
        options={[
          {
            value: 'all',
            label: <span data-testid="my-work-kind-all">{t('myWork.all', { n: total })}</span>,
          },
          ...byKind.map((c) => ({
            value: c.kind,
            label: (
              <span data-testid={`my-work-kind-${c.kind}`}>
                {t('myWork.kindCount', { kind: t(kindKey(c.kind)), n: c.count })}
              </span>
            ),
          })),
        ]}
      />
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable<MyWorkItem>
            rowKey={(r) => `${r.kind}:${r.matterId}:${r.assignmentId ?? ''}`}
            cardFields={CARD_FIELDS}
            size="middle"
            data-testid="my-work-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 900 }}
            rowClassName={(r) => (r.overdue ? 'xh-row-overdue' : '')}
            locale={{ emptyText: t('myWork.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => t('common.total', { total: n }),
            }}
            onChange={(p) => setView({ kind, page: p.current ?? 1 })}
          />
        </Card>
      )}
    </div>
  );
}
