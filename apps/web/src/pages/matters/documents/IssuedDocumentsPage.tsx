// 公文: the 交办单 and 督办单 issued on the matters the user sees, one kind at a time, newest first,
// filtered by number or matter and by date of issue; the filters and page live in the address.
import { ISSUED_DOCUMENT_KINDS, type IssuedDocument, type IssuedDocumentKind } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { mattersApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/QueryError';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { matterLabel } from '../../../features/matters/matter-labels';
import { useLanguage, useT, type MessageKey } from '../../../i18n/use-t';

const DATE = 'YYYY-MM-DD';
const PAGE_SIZES = ['20', '50', '100'];
const CARD_FIELDS = ['docNo', 'matter', 'unit', 'issuedOn', 'state'];

/** Where a document opens: a 交办单 by its matter, a 督办单 by its supervision step. */
const hrefOf = (d: IssuedDocument) =>
  d.kind === 'assign'
    ? `/matters/${encodeURIComponent(d.id)}/assign-order`
    : `/supervisions/${encodeURIComponent(d.id)}/order`;

export default function IssuedDocumentsPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useSearchParams();
  const kind: IssuedDocumentKind = params.get('kind') === 'supervise' ? 'supervise' : 'assign';
  const q = params.get('q') ?? '';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(params.get('pageSize') ?? '') ? Number(params.get('pageSize')) : 20;

  const update = (
    next: Partial<{
      kind: IssuedDocumentKind;
      q: string;
      from: string;
      to: string;
      page: number;
      pageSize: number;
    }>,
  ) => {
    const merged = { kind, q, from, to, page, pageSize, ...next };
    const out = new URLSearchParams();
    if (merged.kind !== 'assign') out.set('kind', merged.kind);
    if (merged.q) out.set('q', merged.q);
    if (merged.from) out.set('from', merged.from);
    if (merged.to) out.set('to', merged.to);
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== 20) out.set('pageSize', String(merged.pageSize));
    setParams(out);
  };

  const list = useQuery({
    queryKey: ['documents', kind, q, from, to, page, pageSize],
    queryFn: ({ signal }) =>
      mattersApi.documents({ kind, q: q || undefined, from, to, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<IssuedDocument> = [
    {
      key: 'docNo',
      title: t('docs.docNo'),
      dataIndex: 'docNo',
      width: 190,
      fixed: 'left',
      render: (no: string, d) => (
        <Link to={hrefOf(d)} data-testid="document-link">
          {no}
        </Link>
      ),
    },
    {
      key: 'matter',
      title: t('docs.matter'),
      dataIndex: 'matterTitle',
      ellipsis: { showTitle: true },
      render: (title: string, d) => (
        <Link to={`/matters/${encodeURIComponent(d.matterId)}`}>
          {title}
          <span className="xh-mono"> · {d.matterCode}</span>
        </Link>
      ),
    },
    { key: 'village', title: t('matter.village'), dataIndex: 'villageName', width: 120 },
    {
      key: 'unit',
      title: t('docs.unit'),
      dataIndex: 'unitName',
      width: 150,
      render: (u: string | null) => u ?? '—',
    },
    {
      key: 'issuedOn',
      title: t('docs.issuedOn'),
      dataIndex: 'issuedOn',
      width: 120,
      render: (d: string) => <span className="xh-mono">{d}</span>,
    },
    {
      key: 'state',
      title: t('docs.state'),
      dataIndex: 'matterState',
      width: 110,
      render: (s: IssuedDocument['matterState']) => <Tag>{matterLabel('state', s, lang)}</Tag>,
    },
  ];

  return (
    <div data-testid="documents-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('docs.title')}</Typography.Title>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            aria-label={t('docs.kindFilter')}
            value={kind}
            onChange={(v) => update({ kind: v as IssuedDocumentKind, page: 1 })}
            options={ISSUED_DOCUMENT_KINDS.map((k) => ({
              value: k,
              label: <span data-testid={`documents-kind-${k}`}>{t(`docs.kind.${k}` as MessageKey)}</span>,
            }))}
          />
          <Input.Search
            aria-label={t('docs.search')}
            placeholder={t('docs.search')}
            defaultValue={q}
            allowClear
            style={{ width: 260 }}
            onSearch={(v) => update({ q: v.trim(), page: 1 })}
            data-testid="documents-search"
          />
          <DatePicker.RangePicker
            aria-label={t('docs.dates')}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) =>
              update({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE), page: 1 })
            }
            allowEmpty={[true, true]}
          />
        </Space>
      </Card>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable<IssuedDocument>
            rowKey="id"
            cardFields={CARD_FIELDS}
            size="middle"
            data-testid="documents-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('docs.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { total: n }),
            }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? pageSize })}
          />
        </Card>
      )}
    </div>
  );
}
