// 安全管理 (security administrator): unlock accounts, list and end sessions, roles and their permissions
// (read from the shared declarations). Requests to approve are on 授权审批.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isSeparatedAdminRole, ROLES, ROLE_PERMISSIONS, type AdminSession, type User } from '@xinhuo/shared';
import { App, Button, Input, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { adminApi } from '../../api/endpoints';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { labels } from '../../lib/labels';
import { UserStateTags } from './UserStateTags';

function UnlockTab() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const users = useQuery({
    queryKey: ['admin-users', 'locked', q, page],
    queryFn: ({ signal }) =>
      adminApi.users({ state: 'locked', q: q || undefined, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const unlock = useMutation({
    mutationFn: (u: User) => adminApi.unlock(u.id),
    onSuccess: () => {
      void message.success(t('admin.done.unlocked'));
      void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <>
      <Input.Search
        allowClear
        className="xh-section"
        style={{ maxWidth: 320 }}
        placeholder={t('admin.accounts.search')}
        aria-label={t('admin.accounts.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <ResponsiveTable<User>
        data-testid="locked-table"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        cardFields={['username', 'state', 'actions']}
        pagination={{ current: page, pageSize: 20, total: users.data?.total ?? 0 }}
        onChange={(p) => setPage(p.current ?? 1)}
        columns={[
          { key: 'username', title: t('admin.col.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('admin.col.displayName'), dataIndex: 'displayName' },
          {
            key: 'roles',
            title: t('admin.col.roles'),
            render: (_: unknown, u: User) => u.roles.map((r) => <Tag key={r}>{labels.role(r, lang)}</Tag>),
          },
          {
            key: 'state',
            title: t('admin.col.state'),
            render: (_: unknown, u: User) => <UserStateTags user={u} />,
          },
          {
            key: 'actions',
            title: t('admin.col.actions'),
            render: (_: unknown, u: User) => (
              <Button
                size="small"
                type="primary"
                onClick={() => unlock.mutate(u)}
                data-testid={`unlock-${u.username}`}
              >
                {t('admin.action.unlock')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function SessionsTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const sessions = useQuery({
    queryKey: ['admin-sessions', page],
    queryFn: ({ signal }) => adminApi.sessions({ page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const end = useMutation({
    mutationFn: (s: AdminSession) => adminApi.endSession(s.id),
    onSuccess: () => {
      void message.success(t('admin.done.sessionEnded'));
      void queryClient.invalidateQueries({ queryKey: ['admin-sessions'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <>
      {sessions.isError && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
      <ResponsiveTable<AdminSession>
        data-testid="sessions-table"
        rowKey="id"
        loading={sessions.isFetching}
        dataSource={sessions.data?.items ?? []}
        cardFields={['user', 'lastSeenAt', 'actions']}
        pagination={{ current: page, pageSize: 20, total: sessions.data?.total ?? 0 }}
        onChange={(p) => setPage(p.current ?? 1)}
        columns={[
          {
            key: 'user',
            title: t('admin.sessions.user'),
            render: (_: unknown, s: AdminSession) => `${s.username}（${s.displayName}）`,
          },
          { key: 'ip', title: t('admin.sessions.ip'), dataIndex: 'ip' },
          {
            key: 'createdAt',
            title: t('admin.sessions.createdAt'),
            render: (_: unknown, s: AdminSession) => formatTimestamp(s.createdAt),
          },
          {
            key: 'lastSeenAt',
            title: t('admin.sessions.lastSeenAt'),
            render: (_: unknown, s: AdminSession) => formatTimestamp(s.lastSeenAt),
          },
          {
            key: 'actions',
            title: t('admin.col.actions'),
            render: (_: unknown, s: AdminSession) => (
              <Popconfirm title={t('admin.sessions.end')} onConfirm={() => end.mutate(s)}>
                <Button size="small" danger>
                  {t('admin.sessions.end')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}

interface RoleRow {
  role: (typeof ROLES)[number];
  permissions: readonly string[];
}

function RolesTab() {
  const t = useT();
  const lang = useLanguage();
  return (
    <Table<RoleRow>
      data-testid="roles-table"
      rowKey="role"
      pagination={false}
      dataSource={ROLES.map((role) => ({ role, permissions: ROLE_PERMISSIONS[role] }))}
      columns={[
        {
          key: 'role',
          title: t('admin.roles.role'),
          render: (_: unknown, r: RoleRow) => (
            <>
              {labels.role(r.role, lang)}{' '}
              {isSeparatedAdminRole(r.role) && <Tag color="red">{t('admin.roles.separated')}</Tag>}
            </>
          ),
        },
        {
          key: 'permissions',
          title: t('admin.roles.permissions'),
          render: (_: unknown, r: RoleRow) => r.permissions.map((p) => <Tag key={p}>{p}</Tag>),
        },
      ]}
    />
  );
}

const TABS = ['accounts', 'sessions', 'roles'] as const;

export default function SecurityPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'accounts';
  return (
    <div data-testid="security-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('admin.security.title')}</Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'accounts' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'accounts', label: t('admin.security.accounts'), children: <UnlockTab /> },
          { key: 'sessions', label: t('admin.security.sessions'), children: <SessionsTab /> },
          { key: 'roles', label: t('admin.security.roles'), children: <RolesTab /> },
        ]}
      />
    </div>
  );
}
