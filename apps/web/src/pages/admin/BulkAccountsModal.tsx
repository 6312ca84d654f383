// 按镇批量开户 (system administrator): the committee members (两委成员) of a town who have no account, given
// accounts in one go — all or nothing, each without a password and without any permission. The role each
// account requests follows the member's seat (shown per row before submission; the server decides it the
// same way); a village filter narrows the town to one village or several, and rows can be left out. The
// roles take effect when the security administrator approves the batch and hands the codes over.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitteeMember } from '@xinhuo/shared';
import { Alert, App, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { newSubmissionKey } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';
import { useIsPhone } from '../../lib/use-is-phone';

export function BulkAccountsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [townId, setTownId] = useState<string | undefined>();
  const [villageIds, setVillageIds] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [usernames, setUsernames] = useState<Record<string, string>>({});
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);

  const orgs = useQuery({
    queryKey: ['admin-orgs'],
    queryFn: ({ signal }) => adminApi.orgs(signal),
    enabled: open,
  });
  const towns = (orgs.data?.items ?? []).filter((o) => o.kind === 'town');
  const members = useQuery({
    queryKey: ['admin-committee-members', townId],
    queryFn: ({ signal }) => adminApi.committeeMembers(townId!, signal),
    enabled: open && townId !== undefined,
  });
  const villages = useMemo(() => {
    const byId = new Map<string, string>();
    for (const m of members.data?.items ?? []) byId.set(m.orgId, m.orgName);
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [members.data]);
  // The rows shown: the chosen villages (none chosen: every village of the town).
  const shown = useMemo(
    () => (members.data?.items ?? []).filter((m) => villageIds.length === 0 || villageIds.includes(m.orgId)),
    [members.data, villageIds],
  );
  const without = useMemo(() => shown.filter((m) => m.accountUsername === null), [shown]);
  const roleOf = useMemo(() => new Map(without.map((m) => [m.id, m.role])), [without]);
  const secretaries = selected.filter((id) => roleOf.get(id) === 'village_secretary').length;
  // A town or the villages chosen: every member shown without an account is selected, with the suggested
  // username; unticking a row leaves it out.
  useEffect(() => {
    setSelected(without.map((m) => m.id));
    setUsernames(Object.fromEntries(without.map((m) => [m.id, m.suggestedUsername])));
    setSubmissionKey(newSubmissionKey());
  }, [without]);

  const close = () => {
    setTownId(undefined);
    setVillageIds([]);
    onClose();
  };
  const create = useMutation({
    mutationFn: () =>
      adminApi.bulkAccounts(
        townId!,
        { items: selected.map((personId) => ({ personId, username: usernames[personId]!.trim() })) },
        submissionKey,
      ),
    onSuccess: (r) => {
      void message.success(t('admin.bulk.done', { count: r.items.length }));
      void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      void queryClient.invalidateQueries({ queryKey: ['admin-grants'] });
      void queryClient.invalidateQueries({ queryKey: ['admin-committee-members'] });
      close();
    },
    onError: (e) => {
      setSubmissionKey(newSubmissionKey());
      void message.error(e.message);
    },
  });

  return (
    <Modal
      open={open}
      title={t('admin.bulk.title')}
      onCancel={close}
      width={860}
      destroyOnHidden
      okText={t('admin.bulk.submit', { count: selected.length })}
      okButtonProps={{
        disabled: selected.length === 0 || selected.some((id) => !(usernames[id] ?? '').trim()),
        'data-testid': 'bulk-submit',
      }}
      confirmLoading={create.isPending}
      onOk={() => create.mutate()}
    >
      <div data-testid="bulk-accounts">
        <Alert
          type="info"
          showIcon
          className="xh-section"
          message={t('admin.bulk.hint')}
          description={t('admin.bulk.roleBySeat')}
        />
        <Space wrap className="xh-section">
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            placeholder={t('admin.bulk.town')}
            aria-label={t('admin.bulk.town')}
            value={townId}
            onChange={(id) => {
              setTownId(id);
              setVillageIds([]);
            }}
            options={towns.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="bulk-town"
          />
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            style={{ minWidth: 260, maxWidth: '100%' }}
            placeholder={t('admin.bulk.allVillages')}
            aria-label={t('admin.bulk.villages')}
            value={villageIds}
            onChange={setVillageIds}
            options={villages}
            disabled={!townId}
            data-testid="bulk-villages"
          />
        </Space>
        {townId && members.data && without.length > 0 && (
          <Typography.Paragraph data-testid="bulk-summary">
            {t('admin.bulk.summary', {
              secretaries,
              trainees: selected.length - secretaries,
            })}
          </Typography.Paragraph>
        )}
        {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
        {townId && members.data && without.length === 0 && (
          <Typography.Paragraph type="secondary">{t('admin.bulk.none')}</Typography.Paragraph>
        )}
        <Table<CommitteeMember>
          size="small"
          rowKey="id"
          loading={members.isFetching}
          dataSource={shown}
          // A town has hundreds of committee members: pages of 50 keep the dialog quick; the choice spans
          // every page (the submit button counts it).
          pagination={{
            pageSize: 50,
            size: 'small',
            showSizeChanger: false,
            hideOnSinglePage: true,
            simple: phone,
            showTotal: (total) => t('admin.bulk.total', { total, without: without.length }),
          }}
          // The dialog (hint, selects, table, pages, buttons) fits a 768 px high screen.
          scroll={{ y: 300, x: 'max-content' }}
          data-testid="bulk-members"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (m) => ({ disabled: m.accountUsername !== null }),
          }}
          columns={[
            { key: 'name', title: t('admin.link.col.name'), dataIndex: 'name' },
            { key: 'org', title: t('admin.link.col.org'), dataIndex: 'orgName' },
            {
              key: 'positions',
              title: t('admin.link.col.positions'),
              render: (_: unknown, m) =>
                m.positions.map((r) => <Tag key={r}>{labels.positionRole(r, lang)}</Tag>),
            },
            {
              key: 'role',
              title: t('admin.bulk.role'),
              render: (_: unknown, m) =>
                m.accountUsername === null ? (
                  <Tag color={m.role === 'village_secretary' ? 'red' : 'blue'} data-testid="bulk-row-role">
                    {labels.role(m.role, lang)}
                  </Tag>
                ) : null,
            },
            {
              key: 'username',
              title: t('admin.bulk.username'),
              render: (_: unknown, m) =>
                m.accountUsername !== null ? (
                  <Typography.Text type="secondary">
                    {t('admin.bulk.hasAccount', { username: m.accountUsername })}
                  </Typography.Text>
                ) : (
                  <Input
                    size="small"
                    maxLength={40}
                    style={{ width: 160 }}
                    aria-label={`${t('admin.bulk.username')} ${m.name}`}
                    value={usernames[m.id] ?? ''}
                    onChange={(e) => setUsernames((u) => ({ ...u, [m.id]: e.target.value }))}
                  />
                ),
            },
          ]}
        />
      </div>
    </Modal>
  );
}
