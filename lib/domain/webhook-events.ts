/**
 * Outbound events (webhooks): which audit actions are announced to subscribers, under which event
 * type, and what of the audit entry goes into the event's `data` (only what a cases:read token can
 * read through /api/v1: statuses, resolution, outcome, priority, due time — never case data,
 * comments, people's names or e-mails).
 */
export const WEBHOOK_EVENTS = {
  'case.opened': 'A case was opened (by the API, a form or the engine).',
  'case.waiting': 'A case started waiting for an external event or a time.',
  'case.resumed': 'A waiting case resumed.',
  'case.closed': 'A case was closed; data.resolution says how.',
  'task.created': 'A human task was created on a case.',
  'task.claimed': 'A task was claimed by a person (who is not disclosed).',
  'task.released':
    'A claimed task was released back to its queue (by its assignee, or because its assignee was deactivated).',
  'task.reassigned': 'A task was reassigned.',
  'task.escalated': 'A task was escalated by the SLA sweep.',
  'task.completed': 'A task was completed; data.outcome is the chosen outcome.',
  'task.cancelled': 'A task was cancelled.',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

export function isWebhookEventType(action: string): action is WebhookEventType {
  return Object.prototype.hasOwnProperty.call(WEBHOOK_EVENTS, action);
}

/**
 * Audit actions announced under another event type: a claimed task returned to its queue because
 * its assignee was deactivated is, for a subscriber, a released task.
 */
const ACTION_EVENT_TYPES: ReadonlyMap<string, WebhookEventType> = new Map([
  ['task.returned_to_queue', 'task.released'],
]);

/** The event type an audit action is announced as, or null when it is not announced. */
export function webhookEventTypeOf(action: string): WebhookEventType | null {
  return isWebhookEventType(action) ? action : (ACTION_EVENT_TYPES.get(action) ?? null);
}

/** Keys of an audit entry's before/after that an event's `data` may carry (cases:read level). */
const DATA_KEYS = ['status', 'resolution', 'outcome', 'priority', 'dueAt', 'level'] as const;

function pick(v: Record<string, unknown> | null | undefined) {
  if (!v || typeof v !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const k of DATA_KEYS) {
    const x = v[k];
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
      out[k] = x;
    else if (x instanceof Date) out[k] = x.toISOString();
  }
  return Object.keys(out).length ? out : undefined;
}

/** The event's `data`: the allowed keys of the audit entry's before and after. */
export function webhookEventData(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before?: Record<string, unknown>; after?: Record<string, unknown> } {
  const b = pick(before);
  const a = pick(after);
  return { ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
}

/** A subscription as the outbox writer sees it (from the cache). */
export type WebhookSubscriptionRoute = {
  id: string;
  eventTypes: readonly string[];
  /** null: every case type. */
  caseTypeId: string | null;
};

/**
 * The subscriptions an event goes to: active ones listing its type, for its case type or all.
 * `caseTypeId` null (an event without a case) matches only all-case-type subscriptions.
 */
export function matchingSubscriptions(
  subs: readonly WebhookSubscriptionRoute[],
  eventType: string,
  caseTypeId: string | null,
): WebhookSubscriptionRoute[] {
  return subs.filter(
    (s) =>
      s.eventTypes.includes(eventType) && (s.caseTypeId === null || s.caseTypeId === caseTypeId),
  );
}
