// The lists in the header bell's dropdown, fetched when the dropdown is first opened (antd's List brings
// the pagination and Select code, which the first screen does not need).
import { useQuery } from '@tanstack/react-query';
import { Badge, Empty, List, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { notificationsApi } from '../../../api/endpoints';
import type { AppNotification } from '../../../api/endpoints';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatTimestamp } from '../../../lib/format';
import { matterLabel } from '../../../features/matters/matter-labels';
import { useUnreadSummary } from './use-notifications';

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

/** Both lists, as the dropdown shows them. */
export default function NotificationLists({
  onGo,
  onPick,
}: {
  onGo: () => void;
  onPick: (n: AppNotification) => void;
}) {
  return (
    <>
      <Groups onGo={onGo} />
      <Latest onPick={onPick} />
    </>
  );
}
