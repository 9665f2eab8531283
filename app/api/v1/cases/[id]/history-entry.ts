import type { listCaseTimeline } from '@/lib/use-cases/list-case-timeline';

type Event = Awaited<ReturnType<typeof listCaseTimeline>>['events'][number];

/** A timeline event as the external API shows it: what happened, when and by whom. */
export function toHistoryEntry({ id, occurredAt, actorType, actorLabel, action, summary }: Event) {
  return { id, occurredAt, actorType, actorLabel, action, summary };
}
