// 授权审批: requests about accounts (new, roles and scope, disable, enable, password reset) for the party that
// decides them — the security administrator decides the system administrator's, the system administrator
// executes the organization department's; nobody decides their own. An approval that issues a one-time
// activation code shows it once, with a printable hand-over sheet.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GRANT_STATUSES, type Grant, type GrantStatus, type HandoverSheet } from '@xinhuo/shared';
import { App, Button, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { adminApi } from '../../api/endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp, joinList } from '../../lib/format';
import { labels } from '../../lib/labels';
import { ActivationCodeModal, type IssuedCode } from './ActivationCodeModal';
import { HandoverSheetModal } from './HandoverSheetModal';

const PAGE_SIZE = 50;

export default function GrantsPage() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status: GrantStatus = (GRANT_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as GrantStatus)
    : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [rejecting, setRejecting] = useState<Grant | null>(null);
  const [reason, setReason] = useState('');
  const [sheet, setSheet] = useState<HandoverSheet | null>(null);

  const grants = useQuery({
    queryKey: ['admin-grants', status, page],
    queryFn: ({ signal }) => adminApi.grants({ status, page, pageSize: PAGE_SIZE }, signal),
  });
  const orgs = useQuery({ queryKey: ['admin-orgs'], queryFn: ({ signal }) => adminApi.orgs(signal) });
  const orgName = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin-grants'] });
    void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
  };

  const approve = useMutation({
    mutationFn: async (g: Grant) => ({ g, r: await adminApi.approve(g.id) }),
    onSuccess: ({ g, r }) => {
      void message.success(t('admin.grants.approved'));
      if (r.activationCode)
        setIssued({
          code: r.activationCode,
          username: g.username,
          displayName: g.displayName,
          expiresAt: r.activationExpiresAt,
        });
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  // A bulk creation (a town's committee members) is approved as one batch, with one hand-over sheet.
  const approveBatch = useMutation({
    mutationFn: (batchId: string) => adminApi.approveBatch(batchId),
    onSuccess: (r) => {
      void message.success(t('admin.grants.approved'));
      if (r.items.length > 0) setSheet(r);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const reject = useMutation({
    mutationFn: (v: { g: Grant; reason: string }) => adminApi.reject(v.g.id, v.reason),
    onSuccess: () => {
      setRejecting(null);
      setReason('');
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  const items = grants.data?.items ?? [];
  const batches = new Map<string, number>();
  for (const g of items)
    if (g.canDecide && g.batchId) batches.set(g.batchId, (batches.get(g.batchId) ?? 0) + 1);
  return (
    <div data-testid="grants-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('admin.grants.title')}</Typography.Title>
      </div>
      <Segmented
        className="xh-section"
        value={status}
        onChange={(v) => setParams(v === 'pending' ? {} : { status: String(v) })}
        options={GRANT_STATUSES.map((s) => ({ value: s, label: t(`admin.grants.status.${s}`) }))}
        data-testid="grants-status"
      />
      {grants.isError && <QueryError error={grants.error} onRetry={() => void grants.refetch()} />}
      {batches.size > 0 && (
        <Space wrap className="xh-section">
          {[...batches].map(([batchId, count]) => (
            <Popconfirm
              key={batchId}
              title={t('admin.batch.confirm', { count })}
              onConfirm={() => approveBatch.mutate(batchId)}
            >
              <Button type="primary" loading={approveBatch.isPending} data-testid="grants-approve-batch">
                {t('admin.batch.approve', { count })}
              </Button>
            </Popconfirm>
          ))}
        </Space>
      )}
      <ResponsiveTable<Grant>
        data-testid="grants-table"
        rowKey="id"
        loading={grants.isFetching}
        dataSource={items}
        cardFields={['account', 'kind', 'roles', 'actions']}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: items.length < PAGE_SIZE ? (page - 1) * PAGE_SIZE + items.length : page * PAGE_SIZE + 1,
        }}
        onChange={(p) =>
          setParams({ ...(status !== 'pending' ? { status } : {}), page: String(p.current ?? 1) })
        }
        columns={[
          {
            key: 'account',
            title: t('admin.grants.account'),
            render: (_: unknown, g: Grant) => `${g.username}（${g.displayName}）`,
          },
          {
            key: 'kind',
            title: t('admin.grants.kind'),
            render: (_: unknown, g: Grant) => <Tag>{t(`admin.grants.kind.${g.kind}`)}</Tag>,
          },
          {
            key: 'roles',
            title: t('admin.col.roles'),
            render: (_: unknown, g: Grant) => g.roles.map((r) => <Tag key={r}>{labels.role(r, lang)}</Tag>),
          },
          {
            key: 'scopes',
            title: t('admin.col.scopes'),
            render: (_: unknown, g: Grant) =>
              joinList(
                g.orgIds.map((id) => orgName.get(id) ?? id),
                lang,
              ),
          },
          { key: 'requestedBy', title: t('admin.grants.requestedBy'), dataIndex: 'requestedBy' },
          {
            key: 'createdAt',
            title: t('admin.grants.createdAt'),
            render: (_: unknown, g: Grant) => formatTimestamp(g.createdAt),
          },
          {
            key: 'decided',
            title: t('admin.grants.decidedBy'),
            render: (_: unknown, g: Grant) =>
              g.decidedBy
                ? `${g.decidedBy} ${formatTimestamp(g.decidedAt)}${g.reason ? `：${g.reason}` : ''}`
                : '',
          },
          {
            key: 'actions',
            title: t('admin.col.actions'),
            render: (_: unknown, g: Grant) =>
              g.canDecide ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    loading={approve.isPending && approve.variables?.id === g.id}
                    onClick={() => approve.mutate(g)}
                    data-testid={`grant-approve-${g.username}`}
                  >
                    {t('admin.grants.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(g)}>
                    {t('admin.grants.reject')}
                  </Button>
                </Space>
              ) : g.status === 'pending' ? (
                <Typography.Text type="secondary">{t('admin.grants.waiting')}</Typography.Text>
              ) : null,
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={t('admin.grants.reject')}
        okButtonProps={{ danger: true, disabled: reason.trim().length === 0 }}
        confirmLoading={reject.isPending}
        onOk={() => rejecting && reject.mutate({ g: rejecting, reason: reason.trim() })}
        onCancel={() => setRejecting(null)}
      >
        <Input.TextArea
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('admin.grants.rejectReason')}
          aria-label={t('admin.grants.rejectReason')}
        />
      </Modal>
      <ActivationCodeModal issued={issued} onClose={() => setIssued(null)} />
      <HandoverSheetModal sheet={sheet} onClose={() => setSheet(null)} />
    </div>
  );
}
