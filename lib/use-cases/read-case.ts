import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, caseTypeVersions, comments, users } from '../../db/schema';
import { caseAccessRefs, getCase, getTask, listCaseTasks } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

export async function getCaseTimeline(db: DbOrTx, caseId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(asc(auditEvents.id));
}

/** The case, all its tasks, its comments and its whole timeline — for those allowed to read it. */
export async function getCaseDetail(db: DbOrTx, actor: Actor, caseId: string) {
  const c = await getCase(db, caseId);
  if (!c) throw new DomainError('not_found', 'Case was not found.');
  await guard(db, actor, 'case.read', await caseAccessRefs(db, c.id), {
    type: 'case',
    id: c.id,
    caseId: c.id,
  });
  const [taskRows, timeline, commentRows, versionRows] = await Promise.all([
    listCaseTasks(db, c.id),
    getCaseTimeline(db, c.id),
    db
      .select({ comment: comments, authorName: users.name })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.caseId, c.id))
      .orderBy(asc(comments.createdAt)),
    db
      .select({ definition: caseTypeVersions.definition, version: caseTypeVersions.version })
      .from(caseTypeVersions)
      .where(eq(caseTypeVersions.id, c.caseTypeVersionId)),
  ]);
  return {
    case: c,
    tasks: taskRows,
    timeline,
    comments: commentRows,
    definition: versionRows[0]!.definition,
    definitionVersion: versionRows[0]!.version,
  };
}

export async function getTaskDetail(db: DbOrTx, actor: Actor, taskId: string) {
  const t = await getTask(db, taskId);
  if (!t) throw new DomainError('not_found', 'Task was not found.');
  await guard(
    db,
    actor,
    'task.read',
    { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId },
    {
      type: 'task',
      id: t.id,
      caseId: t.caseId,
      taskId: t.id,
    },
  );
  const detail = await getCaseDetail(db, { kind: 'system', name: 'engine' }, t.caseId);
  return { task: detail.tasks.find((x) => x.task.id === t.id)!, ...detail };
}

export type AuditFilters = {
  action?: string;
  actor?: string;
  entityType?: string;
  before?: number;
  limit?: number;
};

/** The admin audit log, newest first, with keyset pagination on the event id. */
export async function listAuditEvents(db: DbOrTx, actor: Actor, f: AuditFilters) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  const where: SQL[] = [];
  if (f.action) where.push(sql`${auditEvents.action} like ${`${f.action.replace(/[%_]/g, '')}%`}`);
  if (f.actor)
    where.push(
      sql`lower(${auditEvents.actorLabel}) like ${`%${f.actor.toLowerCase().replace(/[%_]/g, '')}%`}`,
    );
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.before) where.push(lt(auditEvents.id, f.before));
  const limit = Math.min(Math.max(Number.isInteger(f.limit) ? f.limit! : 50, 1), 200);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  return {
    events: rows.slice(0, limit),
    nextBefore: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}
