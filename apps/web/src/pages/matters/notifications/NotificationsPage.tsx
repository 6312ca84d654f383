// 消息通知: the signed-in user's notifications, paged, filtered by read status and kind (in the URL),
// with mark-as-read (one, all, or all of the kind shown). A notification whose item was handled is read.
import { NOTIFICATION_KINDS, type NotificationKind } from '@xinhuo/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { notificationsApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/QueryError';
import { useLanguage, useT } from '../../../i18n/use-t';
import { matterLabel } from '../../../features/matters/matter-labels';
import { formatTimestamp } from '../../../lib/format';
import { DigestSwitch } from './DigestSwitch';
import { notificationHref, useMarkRead } from './use-notifications';
import './notifications.css';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const t = useT();
  const lang = useLanguage();
  const [params, setParams] = useSearchParams();
  const read = params.get('read') === 'false' ? 'false' : params.get('read') === 'true' ? 'true' : undefined;
  const kindParam = params.get('kind');
  const kind = (NOTIFICATION_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as NotificationKind)
    : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setView = (next: { read?: string; kind?: NotificationKind; page?: number }) => {
    const p = new URLSearchParams();
    if (next.read) p.set('read', next.read);
    if (next.kind) p.set('kind', next.kind);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const setPage = (n: number) => setView({ read, kind, page: n });
  const markRead = useMarkRead();
  const list = useQuery({
    queryKey: ['notifications', 'page', read ?? 'all', kind ?? 'all', page],
    queryFn: ({ signal }) => notificationsApi.list({ read, kind, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  // The API answers a page without a total: another page exists when this one is full.
  const total = (page - 1) * PAGE_SIZE + items.length + (items.length === PAGE_SIZE ? 1 : 0);

  return (
    <div data-testid="notifications-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('notify.title')}</Typography.Title>
        <Space wrap>
          <Segmented
            aria-label={t('notify.readFilter')}
            value={read === 'false' ? 'unread' : read === 'true' ? 'read' : 'all'}
            onChange={(v) =>
              setView({ read: v === 'unread' ? 'false' : v === 'read' ? 'true' : undefined, kind })
            }
            options={[
              { value: 'all', label: t('notify.all') },
              { value: 'unread', label: t('notify.unreadOnly', { n: list.data?.unread ?? 0 }) },
              { value: 'read', label: t('notify.readOnly') },
            ]}
          />
          <Select<NotificationKind | 'all'>
            aria-label={t('notify.kindFilter')}
            value={kind ?? 'all'}
            style={{ minWidth: 180 }}
            data-testid="notify-kind"
            onChange={(v) => setView({ read, kind: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('notify.allKinds') },
              ...NOTIFICATION_KINDS.map((k) => ({ value: k, label: matterLabel('notification', k, lang) })),
            ]}
          />
          <Button
            disabled={!list.data?.unread}
            onClick={() => markRead.mutate({ ids: 'all', kind })}
            loading={markRead.isPending}
          >
            {t('notify.readAll')}
          </Button>
        </Space>
      </div>
      <DigestSwitch />
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <List
            loading={list.isFetching}
            dataSource={items}
            data-testid="notifications-list"
            pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, simple: true }}
            renderItem={(n) => {
              const href = notificationHref(n);
              return (
                <List.Item
                  className={n.isRead ? 'xh-notify-item' : 'xh-notify-item xh-notify-unread'}
                  actions={
                    n.isRead
                      ? []
                      : [
                          <Button
                            key="read"
                            size="small"
                            type="link"
                            onClick={() => markRead.mutate({ ids: [n.id] })}
                          >
                            {t('notify.markRead')}
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={
                      href ? (
                        <Link
                          to={href}
                          onClick={() => !n.isRead && markRead.mutate({ ids: [n.id] })}
                          className="xh-notify-text"
                        >
                          {n.text}
                        </Link>
                      ) : (
                        <span className="xh-notify-text">{n.text}</span>
                      )
                    }
                    description={
                      <Space>
                        <span className="xh-mono">{formatTimestamp(n.createdAt)}</span>
                        {!n.isRead && <Tag color="red">{t('notify.unread')}</Tag>}
                      </Space>
                    }
                  />
                </List.Item>
              );
            }}
          />
        </Card>
      )}
    </div>
  );
}
