/**
 * Whether the task was taken from the viewer by someone else: the last change of holder of the
 * task is a release or reassignment, by another person, of the viewer's task, and the task is
 * not theirs now. Read from the case timeline the task page already has.
 */
type TimelineEvent = {
  id: number;
  action: string;
  taskId: string | null;
  actorId: string | null;
  actorLabel: string;
  occurredAt: Date | string;
  before: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
};

export type Handover = {
  kind: 'released' | 'reassigned';
  byName: string;
  at: string;
  reason: string | null;
  toName: string | null;
};

const HOLDER_CHANGES = ['task.claimed', 'task.released', 'task.reassigned'];

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

export function handoverFrom(
  events: readonly TimelineEvent[],
  task: { id: string; assigneeId: string | null },
  viewerId: string,
): Handover | null {
  if (task.assigneeId === viewerId) return null;
  const last = events
    .filter((e) => e.taskId === task.id && HOLDER_CHANGES.includes(e.action))
    .reduce<TimelineEvent | null>((a, e) => (!a || e.id > a.id ? e : a), null);
  if (!last || last.action === 'task.claimed') return null;
  if (last.before?.assigneeId !== viewerId || last.actorId === viewerId) return null;
  return {
    kind: last.action === 'task.released' ? 'released' : 'reassigned',
    byName: text(last.metadata.byName) ?? last.actorLabel,
    at: new Date(last.occurredAt).toISOString(),
    reason: text(last.metadata.reason),
    toName: text(last.metadata.toName),
  };
}
