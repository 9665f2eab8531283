'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Serialized } from '@/lib/serialize';
import type { listNotifications } from '@/lib/use-cases/list-notifications';
import { api } from '../api-client';
import { useLiveUpdates } from '../live-updates';
import { notificationKeys } from '../query-keys';

export type NotificationsData = Serialized<Awaited<ReturnType<typeof listNotifications>>>;
export type NotificationItem = NotificationsData['notifications'][number];

/** Polled only while the change stream is down; otherwise a pushed change refetches at once. */
const POLL_MS = 10_000;

/** The person's latest notifications and unread count, and marking them read. */
export function useNotifications() {
  const qc = useQueryClient();
  const live = useLiveUpdates();
  const q = useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => api<NotificationsData>('/api/notifications'),
    refetchInterval: live ? false : POLL_MS,
  });
  const settled = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
  const markAll = useMutation({
    mutationFn: () => api('/api/notifications/read', { method: 'POST', body: { ids: 'all' } }),
    onSettled: settled,
  });
  const markOne = useMutation({
    mutationFn: (id: string) =>
      api('/api/notifications/read', { method: 'POST', body: { ids: [id] } }),
    onSettled: settled,
  });
  return {
    notifications: q.data?.notifications ?? [],
    unread: q.data?.unread ?? 0,
    markAllRead: () => markAll.mutate(),
    markRead: (id: string) => markOne.mutate(id),
  };
}
