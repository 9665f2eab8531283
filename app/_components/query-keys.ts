/** React Query keys, from factories so invalidation hits exactly what it should. */
export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: Record<string, string | undefined>) => [...taskKeys.lists(), filters] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};
export const groupKeys = {
  all: ['groups'] as const,
  members: (groupId: string) => [...groupKeys.all, groupId, 'members'] as const,
};
export const notificationKeys = { all: ['notifications'] as const };
export const teamKeys = {
  all: ['team'] as const,
  figures: (days: number) => [...teamKeys.all, 'figures', days] as const,
  tasks: (filters: Record<string, string | undefined>) =>
    [...teamKeys.all, 'tasks', filters] as const,
};
