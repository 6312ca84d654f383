// 换届选举: the campaigns the user can see (scoped by the server), paged, and a form to start one.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  DEFAULT_NOTICE_WORKDAYS,
  DEFAULT_VETTING_ITEMS,
  fieldMessage,
  isoDate,
  type CampaignListItem,
  type CreateCampaignBody,
} from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { electionsApi } from '../../api/election-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { formatTimestamp } from '../../lib/format';
import { zodRule } from '../../lib/zod-rule';
import './elections.css';

const PAGE_SIZES = ['20', '50', '100'];

interface CreateValues {
  name: string;
  scopeOrgId: string;
  electionDate: string;
  termYears: number;
  noticeWorkdays: number;
  /** Codes of the default negative-list items kept for this campaign. */
  vettingDefaults: string[];
  /** Further items of the local negative list, as typed. */
  vettingExtra?: string[];
}
const CREATE_FIELDS = ['name', 'scopeOrgId', 'electionDate', 'termYears', 'noticeWorkdays'];

/** The campaign's negative list: the kept defaults, then each typed item (the same words in both languages). */
function vettingItemsOf(v: CreateValues): CreateCampaignBody['vettingItems'] {
  const kept = DEFAULT_VETTING_ITEMS.filter((i) => v.vettingDefaults.includes(i.code));
  const extra = [...new Set((v.vettingExtra ?? []).map((x) => x.trim()).filter(Boolean))].map((text, k) => ({
    code: `local_${k + 1}`,
    zh: text,
    en: text,
  }));
  return [...kept, ...extra];
}

function CreateCampaignModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const required = { required: true, message: fieldMessage('required', lang) };

  const create = useMutation({
    mutationFn: ({ vettingDefaults: _kept, vettingExtra: _extra, ...v }: CreateValues) =>
      electionsApi.create({
        ...v,
        name: v.name.trim(),
        vettingItems: vettingItemsOf({ ...v, vettingDefaults: _kept, vettingExtra: _extra }),
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['elections'] });
      void message.success(t('election.created'));
      onClose();
      void navigate(`/elections/${encodeURIComponent(created.id)}`);
    },
    onError: (e) => {
      if (!applyServerFieldErrors(form, e, CREATE_FIELDS)) setError(isApiError(e) ? e.message : String(e));
    },
  });

  return (
    <Modal
      open
      title={t('election.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('election.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'campaign-create-submit' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="xh-section" />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{
          termYears: 5,
          noticeWorkdays: DEFAULT_NOTICE_WORKDAYS,
          vettingDefaults: DEFAULT_VETTING_ITEMS.map((i) => i.code),
        }}
        onFinish={(v) => {
          setError(null);
          create.mutate(v);
        }}
      >
        <Form.Item
          name="name"
          label={t('election.name')}
          rules={[{ ...required, whitespace: true }, { max: 60 }]}
        >
          <Input maxLength={60} placeholder={t('election.namePlaceholder')} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item
          name="scopeOrgId"
          label={t('election.scope')}
          extra={t('election.scopeHint')}
          rules={[required]}
        >
          <OrgTreeSelect
            selectable={(org) => org.kind === 'city' || org.kind === 'town'}
            testId="campaign-scope"
          />
        </Form.Item>
        <div className="xh-election-row">
          <Form.Item
            name="electionDate"
            label={t('election.electionDate')}
            rules={[required, zodRule(isoDate, lang)]}
          >
            <Input type="date" data-testid="campaign-date" />
          </Form.Item>
          <Form.Item name="termYears" label={t('election.termYears')} rules={[required]}>
            <InputNumber min={1} max={10} precision={0} />
          </Form.Item>
          <Form.Item name="noticeWorkdays" label={t('election.noticeWorkdays')} rules={[required]}>
            <InputNumber min={1} max={30} precision={0} />
          </Form.Item>
        </div>
        <Form.Item
          name="vettingDefaults"
          label={t('election.vettingList')}
          extra={t('election.vettingListHint')}
          dependencies={['vettingExtra']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_: unknown, kept: string[] | undefined) => {
                const extra = (getFieldValue('vettingExtra') as string[] | undefined) ?? [];
                if ((kept?.length ?? 0) + extra.filter((x) => x.trim()).length === 0)
                  throw new Error(t('election.vettingListEmpty'));
              },
            }),
          ]}
        >
          <Checkbox.Group
            className="xh-election-vetting"
            options={DEFAULT_VETTING_ITEMS.map((i) => ({
              value: i.code,
              label: lang === 'en' ? i.en : i.zh,
            }))}
            data-testid="campaign-vetting-defaults"
          />
        </Form.Item>
        <Form.Item
          name="vettingExtra"
          label={t('election.vettingExtra')}
          rules={[
            {
              validator: async (_: unknown, items: string[] | undefined) => {
                if ((items ?? []).some((x) => x.trim().length > 60))
                  throw new Error(fieldMessage('too_big', lang));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={['；', ';']}
            placeholder={t('election.vettingExtraPlaceholder')}
            data-testid="campaign-vetting-extra"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ElectionsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;

  const list = useQuery({
    queryKey: ['elections', 'list', page, pageSize],
    queryFn: ({ signal }) => electionsApi.list({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<CampaignListItem> = [
    {
      key: 'name',
      title: t('election.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/elections/${encodeURIComponent(row.id)}`} data-testid="campaign-link">
          {name}
        </Link>
      ),
    },
    { key: 'scope', title: t('election.scope'), dataIndex: 'scopeOrgName', width: 160 },
    { key: 'electionDate', title: t('election.electionDate'), dataIndex: 'electionDate', width: 120 },
    { key: 'termYears', title: t('election.termYears'), dataIndex: 'termYears', width: 100, align: 'right' },
    {
      key: 'progress',
      title: t('election.progress'),
      width: 200,
      render: (_: unknown, row) => (
        <Progress
          size="small"
          percent={row.orgCount ? Math.round((row.finalizedCount / row.orgCount) * 100) : 0}
          format={() => `${row.finalizedCount} / ${row.orgCount}`}
        />
      ),
    },
    {
      key: 'createdAt',
      title: t('election.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatTimestamp(at),
    },
  ];

  return (
    <div data-testid="elections">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('election.title')}</Typography.Title>
        {hasPermission(me, 'election:write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="campaign-new"
          >
            {t('election.new')}
          </Button>
        )}
      </div>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveTable<CampaignListItem>
          rowKey="id"
          cardFields={['name', 'scope', 'electionDate', 'progress']}
          size="middle"
          data-testid="campaign-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('election.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) =>
            setParams({
              page: String(pagination.current ?? 1),
              pageSize: String(pagination.pageSize ?? pageSize),
            })
          }
        />
      )}
      {creating && <CreateCampaignModal onClose={() => setCreating(false)} />}
    </div>
  );
}
