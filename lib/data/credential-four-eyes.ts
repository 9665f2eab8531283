import { and, eq, gte, inArray, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, tasks } from '../../db/schema';
import type { ApprovalRequest } from '../domain/payout-authority';
import { isUuid } from '../validation';
import { decidesPayout, isApprovalTask } from './authority';

export const CREDENTIAL_FOUR_EYES_REFUSAL =
  'Four eyes per credential: this API token recorded an earlier decision on this case, so it cannot also approve it, on behalf of anyone; the approval must come through another token or from the approver signed in.';

/**
 * Four eyes per credential, beside the person rule (authority.ts fourEyesBar): the refusal when
 * `task` is an approval step and the token `tokenId` recorded the decision under approval or any
 * earlier decision or approval of the case — the completions four eyes counts (earlierDeciders)
 * — else null. One system must not be maker and checker by naming two people.
 *
 * What it reads is what the completion wrote: the `task.completed` event carries the token in
 * `metadata.via.tokenId` (lib/data/audit.ts). The decisions come from tasks_case_idx; their events
 * from audit_events_entity_idx (entity_type, entity_id), and no earlier than the first of those
 * completions (an event's occurred_at is its completion's completed_at: one `now`), which lets
 * PostgreSQL skip the older monthly partitions.
 *
 * A token is one credential by its id: two tokens of the same name or issued by the same admin
 * are two credentials (a rotated token is a new one).
 */
export async function credentialFourEyesBar(
  db: DbOrTx,
  task: { id: string; caseId: string; context: Record<string, unknown> },
  tokenId: string,
): Promise<string | null> {
  if (!isApprovalTask(task)) return null;
  const requestedTaskId = (task.context.approval as Partial<ApprovalRequest>).requestedTaskId;
  const decisions = await db
    .select({ id: tasks.id, completedAt: tasks.completedAt })
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, task.caseId),
        eq(tasks.status, 'completed'),
        ne(tasks.id, task.id),
        typeof requestedTaskId === 'string' && isUuid(requestedTaskId)
          ? or(decidesPayout, eq(tasks.id, requestedTaskId))
          : decidesPayout,
      ),
    );
  if (!decisions.length) return null;
  const times = decisions.map((d) => d.completedAt?.getTime());
  // A completion without a time (none is written so, but a bound must not hide one) reads all.
  const since = times.every((ms): ms is number => ms !== undefined)
    ? new Date(Math.min(...times))
    : null;
  const [hit] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'task'),
        inArray(
          auditEvents.entityId,
          decisions.map((d) => d.id),
        ),
        eq(auditEvents.action, 'task.completed'),
        sql`${auditEvents.metadata} -> 'via' ->> 'tokenId' = ${tokenId}`,
        since ? gte(auditEvents.occurredAt, since) : undefined,
      ),
    )
    .limit(1);
  return hit ? CREDENTIAL_FOUR_EYES_REFUSAL : null;
}
