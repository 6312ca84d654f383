// 关联人员 (system administrator): link an account to its person in the roster, found by name, pinyin or ID
// number within the account's scope. Only name, organization and seats are ever shown.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PersonCandidate, User } from '@xinhuo/shared';
import { App, Button, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { adminApi } from '../../api/endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';

export function PersonLinkModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: ['admin-person-candidates', user?.id, q],
    queryFn: ({ signal }) => adminApi.personCandidates(user!.id, q, signal),
    enabled: user !== null && q.length > 0,
  });
  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    void queryClient.invalidateQueries({ queryKey: ['admin-person-candidates'] });
    close();
  };
  const close = () => {
    setQ('');
    onClose();
  };
  const link = useMutation({
    mutationFn: (p: PersonCandidate) => adminApi.linkPerson(user!.id, p.id),
    onSuccess: () => done(t('admin.link.done')),
    onError: (e) => void message.error(e.message),
  });
  const unlink = useMutation({
    mutationFn: () => adminApi.unlinkPerson(user!.id),
    onSuccess: () => done(t('admin.link.unlinked')),
    onError: (e) => void message.error(e.message),
  });
  const seats = (p: { positions: string[] }) =>
    p.positions.map((r) => <Tag key={r}>{labels.positionRole(r, lang)}</Tag>);

  return (
    <Modal
      open={user !== null}
      title={user ? t('admin.link.title', { name: `${user.username}（${user.displayName}）` }) : ''}
      onCancel={close}
      footer={null}
      width={720}
      destroyOnHidden
    >
      {user && (
        <div data-testid="person-link">
          <Space wrap className="xh-section">
            <Typography.Text data-testid="person-link-current">
              {user.person
                ? t('admin.link.current', { name: user.person.name, org: user.person.orgName })
                : t('admin.link.none')}
            </Typography.Text>
            {user.person && (
              <Popconfirm title={t('admin.link.unlink')} onConfirm={() => unlink.mutate()}>
                <Button size="small" danger loading={unlink.isPending}>
                  {t('admin.link.unlink')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          <Typography.Paragraph type="secondary">{t('admin.link.hint')}</Typography.Paragraph>
          <Input.Search
            allowClear
            maxLength={40}
            placeholder={t('admin.link.search')}
            aria-label={t('admin.link.search')}
            enterButton
            onSearch={(v) => setQ(v.trim())}
            data-testid="person-link-search"
          />
          <Table<PersonCandidate>
            className="xh-section"
            size="small"
            rowKey="id"
            loading={candidates.isFetching}
            dataSource={candidates.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: q ? t('admin.link.empty') : ' ' }}
            data-testid="person-link-results"
            columns={[
              { key: 'name', title: t('admin.link.col.name'), dataIndex: 'name' },
              { key: 'org', title: t('admin.link.col.org'), dataIndex: 'orgName' },
              { key: 'positions', title: t('admin.link.col.positions'), render: (_: unknown, p) => seats(p) },
              {
                key: 'action',
                title: t('admin.col.actions'),
                render: (_: unknown, p) =>
                  p.linkedUsername && p.linkedUsername !== user.username ? (
                    <Typography.Text type="secondary">
                      {t('admin.link.taken', { username: p.linkedUsername })}
                    </Typography.Text>
                  ) : p.id === user.person?.id ? null : (
                    <Button
                      size="small"
                      type="primary"
                      loading={link.isPending && link.variables?.id === p.id}
                      onClick={() => link.mutate(p)}
                      data-testid={`person-link-pick-${p.name}`}
                    >
                      {t('admin.link.pick')}
                    </Button>
                  ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
