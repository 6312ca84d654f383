// 账号管理 (system administrator): accounts with server-side paging, search and filters; new account and
// changes of roles and scope as requests the security administrator approves; disable, enable, reset.
import { useDefaultPageSize } from '../../features/settings/use-settings';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, USER_STATES, type Role, type User, type UserState } from '@xinhuo/shared';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { adminApi } from '../../api/endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp, joinList } from '../../lib/format';
import { labels } from '../../lib/labels';
import { BulkAccountsModal } from './BulkAccountsModal';
import { GrantFormModal } from './GrantFormModal';
import { PersonLinkModal } from './PersonLinkModal';
import { UserStateTags } from './UserStateTags';

interface Filters {
  q?: string;
  role?: Role;
  state?: UserState;
}

export default function AccountsPage() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: params.get('q') || undefined,
    role: (ROLES as readonly string[]).includes(params.get('role') ?? '')
      ? (params.get('role') as Role)
      : undefined,
    state: (USER_STATES as readonly string[]).includes(params.get('state') ?? '')
      ? (params.get('state') as UserState)
      : undefined,
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const defaultPageSize = useDefaultPageSize();
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [linking, setLinking] = useState<User | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);

  const users = useQuery({
    queryKey: ['admin-users', filters, page, pageSize],
    queryFn: ({ signal }) => adminApi.users({ ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const apply = (next: Filters, nextPage = 1, nextSize = pageSize) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) search.set(k, String(v));
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextSize !== defaultPageSize) search.set('pageSize', String(nextSize));
    setParams(search);
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    void queryClient.invalidateQueries({ queryKey: ['admin-grants'] });
  };
  const act = useMutation({
    mutationFn: async ({ user, action }: { user: User; action: 'disable' | 'enable' | 'reset' }) => {
      if (action === 'disable') return { action, grantId: (await adminApi.disable(user.id))?.grantId };
      if (action === 'enable') return { action, grantId: (await adminApi.enable(user.id))?.grantId };
      return { action, grantId: (await adminApi.resetPassword(user.id)).grantId };
    },
    onSuccess: ({ action, grantId }) => {
      if (grantId) void message.success(t('admin.done.requested'));
      else void message.success(t(action === 'disable' ? 'admin.done.disabled' : 'admin.done.enabled'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <div data-testid="accounts-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('admin.accounts.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<TeamOutlined />} onClick={() => setBulkOpen(true)} data-testid="accounts-bulk">
            {t('admin.bulk.open')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ user: null })}
            data-testid="account-create"
          >
            {t('admin.accounts.create')}
          </Button>
        </Space>
      </div>
      <Card size="small" className="xh-filters-card xh-section">
        <Form<Filters>
          layout="inline"
          initialValues={filters}
          onFinish={(v) => apply({ ...v, q: v.q?.trim() })}
        >
          <Form.Item name="q" rules={[{ max: 40 }]}>
            <Input
              allowClear
              placeholder={t('admin.accounts.search')}
              aria-label={t('admin.accounts.search')}
              data-testid="accounts-search"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('admin.accounts.role')}
              aria-label={t('admin.accounts.role')}
              options={ROLES.map((r) => ({ value: r, label: labels.role(r, lang) }))}
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('admin.accounts.state')}
              aria-label={t('admin.accounts.state')}
              options={USER_STATES.map((s) => ({ value: s, label: t(`admin.state.${s}`) }))}
            />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" data-testid="accounts-query">
              {t('admin.accounts.query')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <ResponsiveTable<User>
        data-testid="accounts-table"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        cardFields={['username', 'roles', 'state', 'actions']}
        pagination={{ current: page, pageSize, total: users.data?.total ?? 0, showSizeChanger: true }}
        onChange={(p) => apply(filters, p.current ?? 1, p.pageSize ?? pageSize)}
        columns={[
          { key: 'username', title: t('admin.col.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('admin.col.displayName'), dataIndex: 'displayName' },
          {
            key: 'roles',
            title: t('admin.col.roles'),
            render: (_: unknown, u: User) => u.roles.map((r) => <Tag key={r}>{labels.role(r, lang)}</Tag>),
          },
          {
            key: 'scopes',
            title: t('admin.col.scopes'),
            render: (_: unknown, u: User) =>
              joinList(
                u.scopes.map((s) => s.name),
                lang,
              ),
          },
          {
            key: 'person',
            title: t('admin.col.person'),
            render: (_: unknown, u: User) => (u.person ? `${u.person.name}（${u.person.orgName}）` : ''),
          },
          {
            key: 'state',
            title: t('admin.col.state'),
            render: (_: unknown, u: User) => <UserStateTags user={u} />,
          },
          {
            key: 'lastLogin',
            title: t('admin.col.lastLogin'),
            render: (_: unknown, u: User) => formatTimestamp(u.lastLoginAt),
          },
          {
            key: 'actions',
            title: t('admin.col.actions'),
            render: (_: unknown, u: User) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setEditing({ user: u })}>
                  {t('admin.action.grant')}
                </Button>
                <Button size="small" onClick={() => setLinking(u)} data-testid={`account-link-${u.username}`}>
                  {t('admin.link.action')}
                </Button>
                {u.isActive ? (
                  <Popconfirm
                    title={t('admin.confirm.disable', { name: u.username })}
                    onConfirm={() => act.mutate({ user: u, action: 'disable' })}
                  >
                    <Button size="small" danger>
                      {t('admin.action.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => act.mutate({ user: u, action: 'enable' })}>
                    {t('admin.action.enable')}
                  </Button>
                )}
                {u.isActive && (
                  <Popconfirm
                    title={t('admin.confirm.reset', { name: u.username })}
                    onConfirm={() => act.mutate({ user: u, action: 'reset' })}
                  >
                    <Button size="small">{t('admin.action.reset')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <GrantFormModal open={editing !== null} user={editing?.user ?? null} onClose={() => setEditing(null)} />
      <PersonLinkModal user={linking} onClose={() => setLinking(null)} />
      <BulkAccountsModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
    </div>
  );
}
