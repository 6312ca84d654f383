// 消息通知: the signed-in user's notifications, all or unread only, with mark-as-read.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { notificationsApi } from '../../../api/endpoints';
import { QueryError } from '../../../components/QueryError';
import { useT } from '../../../i18n/use-t';
import { formatTimestamp } from '../../../lib/format';
import { notificationHref, useMarkRead } from './use-notifications';
import './notifications.css';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const markRead = useMarkRead();
  const list = useQuery({
    queryKey: ['notifications', 'page', unreadOnly, page],
    queryFn: ({ signal }) =>
      notificationsApi.list({ unread: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  // The API answers a page without a total: another page exists when this one is full.
  const total = (page - 1) * PAGE_SIZE + items.length + (items.length === PAGE_SIZE ? 1 : 0);

  return (
    <div data-testid="notifications-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('notify.title')}</Typography.Title>
        <Space>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notify.all') },
              { value: 'unread', label: t('notify.unreadOnly', { n: list.data?.unread ?? 0 }) },
            ]}
          />
          <Button
            disabled={!list.data?.unread}
            onClick={() => markRead.mutate('all')}
            loading={markRead.isPending}
          >
            {t('notify.readAll')}
          </Button>
        </Space>
      </div>
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
                          <Button key="read" size="small" type="link" onClick={() => markRead.mutate([n.id])}>
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
                          onClick={() => !n.isRead && markRead.mutate([n.id])}
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
