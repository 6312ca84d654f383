// Queries and the mark-as-read mutation of the in-app notifications.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationKind } from '@xinhuo/shared';
import { notificationsApi } from '../../../api/endpoints';

const UNREAD_KEY = ['notifications', 'unread'] as const;

/** The unread count, asked again every minute. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: 60_000,
    staleTime: 0,
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, kind }: { ids: string[] | 'all'; kind?: NotificationKind }) =>
      notificationsApi.markRead(ids, kind),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** The unread notifications by kind (the bell's groups). */
export function useUnreadSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'summary'],
    queryFn: ({ signal }) => notificationsApi.summary(signal),
    staleTime: 0,
    enabled,
  });
}

/** Where a notification leads (a matter's page), if anywhere. */
export function notificationHref(n: { objectType: string | null; objectId: string | null }): string | null {
  if (n.objectType === 'matter' && n.objectId) return `/matters/${encodeURIComponent(n.objectId)}`;
  if (n.objectType === 'meeting' && n.objectId) return `/meetings/${encodeURIComponent(n.objectId)}`;
  if (n.objectType === 'my_work') return '/my-work';
  return null;
}
