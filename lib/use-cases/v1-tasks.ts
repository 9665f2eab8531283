import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes } from '../../db/schema';
import { credentialFourEyesBar } from '../data/credential-four-eyes';
import type { TokenActor, UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { parseTaskSearch } from '../schemas/api-v1';
import { getTaskDetail } from './get-task-detail';
import { listInbox } from './list-inbox';
import { actOnBehalfOf } from './v1-on-behalf';

/**
 * What a token reads without `onBehalfOf`: every task, as an admin's inbox lists them (a
 * token with tasks:read was given the whole work list by an admin). Only ever a reader: it is
 * passed to listInbox alone, never to a use-case that writes, and its id matches nobody, so
 * no task is "mine" and no four-eyes bar is its own.
 */
function tokenReader(token: TokenActor): UserActor {
  return {
    kind: 'user',
    id: '00000000-0000-0000-0000-000000000000',
    email: '',
    name: `token:${token.name}`,
    role: 'admin',
    groupIds: [],
    supervisedGroupIds: [],
    timeZone: 'UTC',
  };
}

/**
 * GET /api/v1/tasks: the inbox's query (lib/use-cases/list-inbox.ts, the same filters, sort,
 * keyset cursor and index ranges) read as `onBehalfOf` when given — exactly what that person's
 * inbox shows, "mine" included — or as every task otherwise.
 */
export async function searchTasksV1(
  db: DbOrTx,
  token: TokenActor,
  query: Record<string, string>,
  now: Date,
) {
  const { onBehalfOf, filters } = parseTaskSearch(query);
  if (!onBehalfOf && filters.queue === 'mine')
    throw new DomainError('validation', 'A token has no tasks of its own.', {
      queue: 'mine needs onBehalfOf (the person whose tasks to list)',
    });
  const viewer = onBehalfOf ? await actOnBehalfOf(db, token, onBehalfOf) : tokenReader(token);
  const page = await listInbox(db, viewer, filters, now);
  return {
    tasks: page.tasks.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      priority: r.priority,
      version: r.version,
      dueAt: r.dueAt?.toISOString() ?? null,
      dueSoonAt: r.dueSoonAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      escalationLevel: r.escalationLevel,
      case: {
        id: r.caseId,
        reference: r.reference,
        type: r.caseType,
        title: r.claimant,
        amountCents: r.amountCents,
      },
      group: r.groupId ? { id: r.groupId, name: r.groupName ?? '' } : null,
      assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? '' } : null,
      fourEyes: onBehalfOf ? r.fourEyes : null,
    })),
    total: page.total,
    totalCapped: page.totalCapped,
    nextCursor: page.nextCursor,
    scanLimited: page.scanLimited,
  };
}

/**
 * GET /api/v1/tasks/{id}: one task with its case, as the token (tasks:read: any task) or as
 * `onBehalfOf` (only what that person may read; the four-eyes bar is theirs, or else the
 * token's when it recorded a decision the approval checks).
 */
export async function getTaskV1(
  db: DbOrTx,
  token: TokenActor,
  taskId: string,
  onBehalfOf: string | undefined,
) {
  const viewer = onBehalfOf ? await actOnBehalfOf(db, token, onBehalfOf) : token;
  const d = await getTaskDetail(db, viewer, taskId);
  const t = d.task.task;
  // The person's bar first; else this token's own (four eyes per credential, on completion).
  const fourEyes =
    d.controls.fourEyes ??
    (viewer.kind === 'user' ? await credentialFourEyesBar(db, t, token.id) : null);
  const [type] = await db
    .select({ key: caseTypes.key, name: caseTypes.name })
    .from(caseTypes)
    .where(eq(caseTypes.id, d.case.caseTypeId));
  const iso = (v: Date | null) => v?.toISOString() ?? null;
  return {
    task: {
      id: t.id,
      name: t.name,
      step: t.stepKey,
      status: t.status,
      priority: t.priority,
      version: t.version,
      outcomes: t.outcomes.map((o) => ({ key: o.key, label: o.label, fields: o.fields })),
      context: t.context,
      dueAt: iso(t.dueAt),
      dueSoonAt: iso(t.dueSoonAt),
      slaDueAt: iso(t.slaDueAt ?? t.dueAt),
      pausedAt: iso(t.pausedAt),
      escalationLevel: t.escalationLevel,
      createdAt: t.createdAt.toISOString(),
      claimedAt: iso(t.claimedAt),
      completedAt: iso(t.completedAt),
      outcome: t.outcome,
      group: t.candidateGroupId
        ? { id: t.candidateGroupId, key: d.task.groupKey ?? '', name: d.task.groupName ?? '' }
        : null,
      assignee: t.assigneeId
        ? { id: t.assigneeId, name: d.task.assigneeName ?? '', email: d.task.assigneeEmail ?? '' }
        : null,
      fourEyes: fourEyes ?? null,
    },
    case: {
      id: d.case.id,
      reference: d.case.reference,
      type: type?.key ?? null,
      typeName: type?.name ?? null,
      status: d.case.status,
      resolution: d.case.resolution,
      priority: d.case.priority,
      data: d.case.data,
    },
  };
}
