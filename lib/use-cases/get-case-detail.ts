import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, caseTypeVersions, comments, users } from '../../db/schema';
import { caseAccessRefs, getCase, listCaseTasks } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

async function getCaseTimeline(db: DbOrTx, caseId: string) {
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
