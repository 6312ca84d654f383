// The header bell: unread count (refreshed every minute) and a dropdown of the unread ones grouped by kind
// (each group opens the notification centre filtered to it) above the latest notifications.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Space, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AppNotification } from '../../../api/endpoints';
import { useT } from '../../../i18n/use-t';
import { notificationHref, useMarkRead, useUnreadCount } from './use-notifications';
import './notifications.css';

const NotificationLists = lazy(() => import('./NotificationLists'));

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
            {open && (
              <Suspense fallback={<Spin size="small" />}>
                <NotificationLists onGo={() => setOpen(false)} onPick={pick} />
              </Suspense>
            )}
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
