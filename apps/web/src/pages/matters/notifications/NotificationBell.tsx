// The header bell: unread count (refreshed every minute) and a dropdown of the unread ones grouped by kind
// (each group opens the notification centre filtered to it) above the latest notifications.
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { notificationsApi } from '../../../api/endpoints';
import type { AppNotification } from '../../../api/endpoints';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatTimestamp } from '../../../lib/format';
import { matterLabel } from '../../../features/matters/matter-labels';
import { notificationHref, useMarkRead, useUnreadCount, useUnreadSummary } from './use-notifications';

function Groups({ onGo }: { onGo: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const summary = useUnreadSummary(true);
  const groups = summary.data?.byKind ?? [];
  if (groups.length === 0) return null;
  return (
    <div className="xh-notify-groups" data-testid="notify-groups">
      <Typography.Text type="secondary">{t('notify.byKind')}</Typography.Text>
      {groups.map((g) => (
        <Link
          key={g.kind}
          to={`/notifications?read=false&kind=${g.kind}`}
          onClick={onGo}
          className="xh-notify-group"
          data-testid={`notify-group-${g.kind}`}
        >
          <span>{matterLabel('notification', g.kind, lang)}</span>
          <Badge count={g.unread} overflowCount={999} size="small" />
        </Link>
      ))}
    </div>
  );
}
import './notifications.css';

function Latest({ onPick }: { onPick: (n: AppNotification) => void }) {
  const t = useT();
  const latest = useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: ({ signal }) => notificationsApi.list({ page: 1, pageSize: 5 }, signal),
    staleTime: 0,
  });
  if (latest.isPending) return <Spin size="small" />;
  const items = latest.data?.items ?? [];
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.none')} />;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="notify-latest"
      renderItem={(n) => (
        <List.Item
          className={n.isRead ? 'xh-notify-item' : 'xh-notify-item xh-notify-unread'}
          onClick={() => onPick(n)}
          data-testid="notify-item"
        >
          <div>
            <div className="xh-notify-text">{n.text}</div>
            <Typography.Text type="secondary" className="xh-notify-time">
              {formatTimestamp(n.createdAt)}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(true);
  const markRead = useMarkRead();
  const count = unread.data?.unread ?? 0;

  const pick = (n: AppNotification) => {
    if (!n.isRead) markRead.mutate({ ids: [n.id] });
    setOpen(false);
    const href = notificationHref(n);
    if (href) void navigate(href);
  };

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notify.title')}
      classNames={{ root: 'xh-notify-popover' }}
      content={
        <div className="xh-notify-panel">
          <div className="xh-notify-scroll">
            {open && <Groups onGo={() => setOpen(false)} />}
            {open && <Latest onPick={pick} />}
          </div>
          <Space className="xh-notify-footer">
            <Button
              size="small"
              disabled={count === 0}
              onClick={() => markRead.mutate({ ids: 'all' })}
              data-testid="notify-read-all"
            >
              {t('notify.readAll')}
            </Button>
            <Link to="/notifications" onClick={() => setOpen(false)}>
              {t('notify.viewAll')}
            </Link>
          </Space>
        </div>
      }
    >
      <button
        type="button"
        className="xh-bell"
        aria-label={t('notify.bell', { count: count > 99 ? '99+' : count })}
        data-testid="notify-bell"
      >
        <Badge count={count} size="small" overflowCount={99} data-testid="notify-count">
          <BellOutlined className="xh-bell-icon" />
        </Badge>
      </button>
    </Popover>
  );
}
