// 审计日志: the append-only audit trail (audit_admin), with filters and a chain integrity check.
import { useDefaultPageSize } from '../features/settings/use-settings';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { auditApi, type AuditFilters } from '../api/endpoints';
import {
  AUDIT_ACTIONS,
  AUDIT_OBJECT_TYPES,
  auditActionLabel,
  auditObjectTypeLabel,
  type AuditEntry,
} from '@xinhuo/shared';
import type { ColumnsType } from 'antd/es/table';
import { useColumnSettings } from '../components/ColumnSettings';
import { QueryError } from '../components/QueryError';
import { useLanguage, useT } from '../i18n/use-t';
import { formatTimestamp } from '../lib/format';
import { labels } from '../lib/labels';
import { useListParams } from '../lib/use-list-params';
import { AuditDetails, AuditObject } from '../features/audit/AuditRow';
import { AuditSavedSearches } from '../features/audit/AuditSavedSearches';

interface FilterValues {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const DATE = 'YYYY-MM-DD';
/** Object ids as the trail records them. */
const OBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const OUTCOMES = ['success', 'denied', 'error'] as const;
/** Hidden until shown in 列设置, so the readable details fit 1366 px. */
const AUDIT_DEFAULT_HIDDEN = ['role', 'ip', 'seq'];

function readFilters(params: URLSearchParams): AuditFilters {
  const get = (key: string) => params.get(key) || undefined;
  return {
    actor: get('actor'),
    action: get('action'),
    objectType: get('objectType'),
    objectId: get('objectId'),
    outcome: get('outcome'),
    from: get('from'),
    to: get('to'),
  };
}

function VerifyResult({
  ok,
  checked,
  firstBrokenSeq,
}: {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}) {
  const t = useT();
  return ok ? (
    <Alert
      type="success"
      showIcon
      title={t('audit.verifyOk', { checked })}
      data-testid="audit-verify-result"
    />
  ) : (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBroken', { seq: firstBrokenSeq ?? '?', checked })}
      data-testid="audit-verify-result"
    />
  );
}

export default function AuditPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useListParams('audit');
  const code = lang === 'en' ? 'en' : 'zh';
  const filters = readFilters(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const defaultPageSize = useDefaultPageSize();
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));
  const [form] = Form.useForm<FilterValues>();

  const entries = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: ({ signal }) => auditApi.list({ ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });

  const apply = (next: AuditFilters, nextPage = 1, nextPageSize = pageSize) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, String(value));
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextPageSize !== defaultPageSize) search.set('pageSize', String(nextPageSize));
    setParams(search);
  };

  const columns: ColumnsType<AuditEntry> = [
    {
      key: 'ts',
      title: t('audit.col.ts'),
      dataIndex: 'ts',
      width: 160,
      render: (v: string) => formatTimestamp(v),
    },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      width: 130,
      render: (_: unknown, row) =>
        row.actorDisplayName ? (
          <Tooltip title={row.actorName}>
            <span>{row.actorDisplayName}</span>
          </Tooltip>
        ) : (
          (row.actorName ?? '–')
        ),
    },
    {
      key: 'role',
      title: t('audit.col.role'),
      dataIndex: 'actorRole',
      width: 130,
      render: (v: string | null) => (v ? labels.role(v, lang) : '–'),
    },
    {
      key: 'action',
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 150,
      render: (v: string) => (
        <Tooltip title={v}>
          <span data-testid="audit-action">{auditActionLabel(v, code)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.col.object'),
      key: 'object',
      width: 200,
      render: (_: unknown, row) => <AuditObject entry={row} />,
    },
    {
      key: 'outcome',
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (v: string) => (
        <Tag color={v === 'success' ? 'green' : v === 'denied' ? 'orange' : 'red'}>
          {(OUTCOMES as readonly string[]).includes(v)
            ? t(`audit.outcome.${v as (typeof OUTCOMES)[number]}`)
            : v}
        </Tag>
      ),
    },
    {
      key: 'ip',
      title: t('audit.col.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (v: string | null) => v ?? '–',
    },
    {
      key: 'details',
      title: t('audit.col.details'),
      dataIndex: 'details',
      // the readable diff wraps: it is read in full
      ellipsis: false,
      render: (_: unknown, row) => <AuditDetails entry={row} />,
    },
    { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 80, align: 'right' },
  ];
  const settings = useColumnSettings('audit', columns, {
    locked: ['ts', 'action'],
    defaultHidden: AUDIT_DEFAULT_HIDDEN,
  });

  return (
    <div data-testid="audit-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
        <Space wrap>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
          {settings.control}
        </Space>
      </div>
      <div className="xh-section">
        <AuditSavedSearches
          filters={filters}
          onApply={(f) => {
            form.setFieldsValue({
              actor: f.actor,
              action: f.action,
              objectType: f.objectType,
              objectId: f.objectId,
              outcome: f.outcome,
              range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
            });
            apply(f);
          }}
        />
      </div>
      {verify.data && <VerifyResult {...verify.data} />}
      {verify.isError && <Alert type="error" showIcon title={verify.error.message} />}
      <Card size="small" className="xh-filters-card xh-section">
        <Form<FilterValues>
          form={form}
          layout="inline"
          initialValues={{
            actor: filters.actor,
            action: filters.action,
            objectType: filters.objectType,
            objectId: filters.objectId,
            outcome: filters.outcome,
            range:
              filters.from || filters.to
                ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
                : null,
          }}
          onFinish={(values) =>
            apply({
              actor: values.actor?.trim(),
              action: values.action,
              objectType: values.objectType,
              objectId: values.objectId?.trim(),
              outcome: values.outcome,
              from: values.range?.[0]?.format(DATE),
              to: values.range?.[1]?.format(DATE),
            })
          }
        >
          <Form.Item name="actor" rules={[{ max: 40 }]}>
            <Input allowClear placeholder={t('audit.actor')} aria-label={t('audit.actor')} />
          </Form.Item>
          <Form.Item name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.action')}
              aria-label={t('audit.action')}
              style={{ width: 200 }}
              data-testid="audit-action-filter"
              options={Object.keys(AUDIT_ACTIONS).map((a) => ({
                value: a,
                label: auditActionLabel(a, code),
              }))}
            />
          </Form.Item>
          <Form.Item name="objectType">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.objectType')}
              aria-label={t('audit.objectType')}
              style={{ width: 150 }}
              options={Object.keys(AUDIT_OBJECT_TYPES).map((o) => ({
                value: o,
                label: auditObjectTypeLabel(o, code),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="objectId"
            rules={[{ pattern: OBJECT_ID_PATTERN, message: t('audit.objectIdPattern') }]}
          >
            <Input allowClear placeholder={t('audit.objectId')} aria-label={t('audit.objectId')} />
          </Form.Item>
          <Form.Item name="outcome">
            <Select
              allowClear
              placeholder={t('audit.outcome')}
              aria-label={t('audit.outcome')}
              style={{ width: 120 }}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker format={DATE} allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({
                    actor: undefined,
                    action: undefined,
                    objectType: undefined,
                    objectId: undefined,
                    outcome: undefined,
                    range: null,
                  });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {entries.isError && !entries.data ? (
        <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          size={settings.size}
          data-testid="audit-table"
          loading={entries.isFetching}
          dataSource={entries.data?.items ?? []}
          scroll={settings.scroll}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) => apply(filters, pagination.current ?? 1, pagination.pageSize ?? pageSize)}
          columns={settings.columns}
        />
      )}
    </div>
  );
}
