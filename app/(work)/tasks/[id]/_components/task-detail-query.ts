'use client';

import { useQuery } from '@tanstack/react-query';
import type { Serialized } from '@/lib/serialize';
import { api } from '../../../../_components/api-client';
import { useLiveUpdates } from '../../../../_components/live-updates';
import { taskKeys } from '../../../../_components/query-keys';
import type { TaskDetail } from './task-views';

/**
 * How often an open task page asks for the task again while the change stream is down
 * (live-updates.tsx); while it is open, a pushed change of this task refetches it.
 */
export const WATCH_MS = 4_000;
/** How long after this person's own action a new version is theirs, not someone else's change. */
export const OWN_ACTION_MS = 5_000;

/** When this person last changed the task from this page (any of its controls). */
export const ownAction = { at: 0 };
/** Called by every control of the page that changes the task. */
export function markOwnAction() {
  ownAction.at = Date.now();
}

/** The task as the server has it now, kept fresh; every part of the page shares this one query. */
export function useTaskDetailQuery(taskId: string) {
  const live = useLiveUpdates();
  return useQuery({
    queryKey: taskKeys.detail(taskId),
    queryFn: () => api<Serialized<TaskDetail>>(`/api/tasks/${taskId}`),
    refetchInterval: live ? false : WATCH_MS,
  });
}
