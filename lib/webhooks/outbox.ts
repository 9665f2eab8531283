/**
 * Outbound events (webhooks), the writing side: the subscriptions cache the audit writers consult
 * and the outbox rows they write in the transaction (or statement) of the change.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { caseTypes, webhookSubscriptions } from '../../db/schema';
import type { AuditInput } from '../data/audit';
import {
  matchingSubscriptions,
  webhookEventData,
  webhookEventTypeOf,
  type WebhookSubscriptionRoute,
} from '../domain/webhook-events';

/**
 * How long a process trusts its copy of the active subscriptions. webhook_subscriptions is not
 * under the config-version triggers (its schema is fixed), so a process that did not make an
 * edit sees it within this time; the process that made it sees it at once (the edit drops the
 * cache). Within the TTL the audit writer pays one Map lookup per event and no statement when
 * nothing is subscribed. The cache only decides whether (and for which subscriptions) rows are
 * built: every insert re-checks the subscription in the database (activeSubscriptionCheck), so a
 * subscription deleted or disabled in another process meanwhile silently gets nothing.
 */
export const SUBSCRIPTION_CACHE_TTL_MS = 5_000;

type Routes = {
  loadedAt: number;
  byType: ReadonlyMap<string, WebhookSubscriptionRoute[]>;
  caseTypeKeys: ReadonlyMap<string, string>;
};
/**
 * One cache per database: keyed by the drizzle dialect object, which a database handle and
 * every transaction (and savepoint) opened on it share, and which differs between databases.
 */
const caches = new WeakMap<object, Routes>();

function cacheKey(db: DbOrTx): object {
  return (db as unknown as { dialect: object }).dialect;
}

/** Forgets this process's copy (after an edit of the subscriptions). */
export function invalidateWebhookSubscriptions(db: DbOrTx): void {
  caches.delete(cacheKey(db));
}

async function loadRoutes(db: DbOrTx): Promise<Routes> {
  const rows = await db
    .select({
      id: webhookSubscriptions.id,
      eventTypes: webhookSubscriptions.eventTypes,
      caseTypeId: webhookSubscriptions.caseTypeId,
    })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.active, true));
  const byType = new Map<string, WebhookSubscriptionRoute[]>();
  for (const r of rows)
    for (const t of new Set(r.eventTypes)) {
      const list = byType.get(t) ?? [];
      list.push(r);
      byType.set(t, list);
    }
  const types = rows.length
    ? await db.select({ id: caseTypes.id, key: caseTypes.key }).from(caseTypes)
    : [];
  return { loadedAt: Date.now(), byType, caseTypeKeys: new Map(types.map((t) => [t.id, t.key])) };
}

async function cachedRoutes(db: DbOrTx): Promise<Routes> {
  const key = cacheKey(db);
  const held = caches.get(key);
  if (held && Date.now() - held.loadedAt < SUBSCRIPTION_CACHE_TTL_MS) return held;
  const loaded = await loadRoutes(db);
  caches.set(key, loaded);
  return loaded;
}

/** The active subscriptions by event type, from the cache (loaded with `db` when stale). */
export async function subscriptionRoutes(
  db: DbOrTx,
): Promise<ReadonlyMap<string, WebhookSubscriptionRoute[]>> {
  return (await cachedRoutes(db)).byType;
}

/**
 * The insert's guard against a stale cache: `subscription_id` (a column of the inserted rows)
 * names an active subscription. Locked FOR KEY SHARE, like the foreign key check does anyway,
 * so a delete committing while the insert runs makes the row drop out here (instead of failing
 * that check). Index: the subscriptions' primary key.
 */
export const activeSubscriptionCheck: SQL = sql`exists (select 1 from webhook_subscriptions s
  where s.id = subscription_id and s.active for key share of s)`;

const iso = (d: Date | string | null | undefined) =>
  d == null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

/**
 * The outbox rows of a new case whose rows intake writes in one statement (lib/engine/
 * case-writes.ts): the envelope is built from the rows that statement stores (the case in its
 * final state, its tasks), since the statement's other inserts are not visible to a join. The
 * reference may still be intake's placeholder; the statement fills it in like in the audit rows.
 * Empty (and no statement) when no cached subscription wants any of the events.
 */
export async function outboxRowsForNewCase(
  db: DbOrTx,
  c: {
    id: string;
    caseTypeId: string;
    reference: string;
    status: string;
    priority: string;
  },
  tasks: readonly {
    id: string;
    name: string;
    stepKey: string;
    status?: string | null;
    priority?: string | null;
    dueAt?: Date | null;
  }[],
  entries: readonly { event: AuditInput }[],
): Promise<
  {
    subscriptionId: string;
    eventId: string;
    eventType: string;
    caseId: string;
    payload: Record<string, unknown>;
  }[]
> {
  if (!mayNeedOutbox(entries)) return [];
  const routes = await cachedRoutes(db);
  if (!routes.byType.size) return [];
  const out = [];
  for (const { event: e } of entries) {
    const type = webhookEventTypeOf(e.action);
    if (e.caseId !== c.id || !type) continue;
    const subs = matchingSubscriptions(routes.byType.get(type) ?? [], type, c.caseTypeId);
    if (!subs.length) continue;
    const task = e.taskId ? tasks.find((t) => t.id === e.taskId) : undefined;
    const eventId = randomUUID();
    const payload = {
      id: eventId,
      type,
      occurredAt: iso(e.occurredAt ?? new Date()),
      caseType: routes.caseTypeKeys.get(c.caseTypeId) ?? null,
      case: { id: c.id, reference: c.reference, status: c.status, priority: c.priority },
      data: webhookEventData(e.before, e.after),
      ...(task
        ? {
            task: {
              id: task.id,
              name: task.name,
              step: task.stepKey,
              status: task.status ?? 'ready',
              priority: task.priority ?? 'normal',
              dueAt: iso(task.dueAt),
            },
          }
        : {}),
    };
    for (const s of subs)
      out.push({ subscriptionId: s.id, eventId, eventType: type, caseId: c.id, payload });
  }
  return out;
}

/** Whether an entry is of an event type at all (pure, no cache). */
export function mayNeedOutbox(entries: readonly { event: AuditInput }[]): boolean {
  return entries.some((e) => e.event.caseId && webhookEventTypeOf(e.event.action) !== null);
}

/**
 * Whether an active subscription (cached) lists the type of one of these entries: the audit
 * writer's check, a Map lookup per entry and no statement while the cache is fresh.
 */
export async function outboxWanted(
  db: DbOrTx,
  entries: readonly { event: AuditInput }[],
): Promise<boolean> {
  if (!mayNeedOutbox(entries)) return false;
  const routes = await subscriptionRoutes(db);
  return (
    routes.size > 0 &&
    entries.some((e) => {
      const type = e.event.caseId ? webhookEventTypeOf(e.event.action) : null;
      return type !== null && routes.has(type);
    })
  );
}

/**
 * Writes the outbox rows of these audit entries (one statement, in the caller's transaction):
 * one per entry and subscription of its event type and case type. The envelope is built in SQL
 * from the case and task as the transaction sees them, so it is the state the change commits.
 * Only subscriptions still active in the database get a row (the cache may be stale). Returns how
 * many rows were written.
 */
export async function writeOutbox(
  db: DbOrTx,
  entries: readonly { event: AuditInput }[],
): Promise<number> {
  if (!mayNeedOutbox(entries)) return 0;
  const routes = await subscriptionRoutes(db);
  if (!routes.size) return 0;
  const rows: Record<string, unknown>[] = [];
  for (const { event: e } of entries) {
    const type = webhookEventTypeOf(e.action);
    if (!e.caseId || !type) continue;
    const subs = routes.get(type);
    if (!subs?.length) continue;
    const eventId = randomUUID();
    const data = webhookEventData(e.before, e.after);
    for (const s of subs)
      rows.push({
        ord: rows.length,
        sub_id: s.id,
        case_type_id: s.caseTypeId,
        event_id: eventId,
        event_type: type,
        case_id: e.caseId,
        task_id: e.taskId ?? null,
        occurred_at: e.occurredAt ? e.occurredAt.toISOString() : null,
        data,
      });
  }
  if (!rows.length) return 0;
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`
    insert into webhook_deliveries (subscription_id, event_id, event_type, case_id, payload)
    select v.sub_id, v.event_id, v.event_type, c.id,
      jsonb_build_object(
        'id', v.event_id,
        'type', v.event_type,
        'occurredAt', to_char(coalesce(v.occurred_at, now()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'caseType', ct.key,
        'case', jsonb_build_object('id', c.id, 'reference', c.reference, 'status', c.status, 'priority', c.priority),
        'data', v.data
      ) || case when t.id is null then '{}'::jsonb else jsonb_build_object('task', jsonb_build_object(
        'id', t.id, 'name', t.name, 'step', t.step_key, 'status', t.status, 'priority', t.priority,
        'dueAt', to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(ord int, sub_id uuid, case_type_id uuid,
      event_id uuid, event_type text, case_id uuid, task_id uuid, occurred_at timestamptz, data jsonb)
    join cases c on c.id = v.case_id
    join case_types ct on ct.id = c.case_type_id
    left join tasks t on t.id = v.task_id and t.case_id = c.id
    join webhook_subscriptions s on s.id = v.sub_id and s.active
      and (s.case_type_id is null or s.case_type_id = c.case_type_id)
    order by v.ord
    for key share of s
    on conflict (subscription_id, event_id) do nothing
    returning id`,
  );
  return inserted.length;
}
