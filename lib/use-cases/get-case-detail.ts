import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypeVersions } from '../../db/schema';
import { listCaseCommentsPage } from '../data/case-history';
import { listCaseTasks } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { HISTORY_PAGE_SIZE } from '../schemas/history';
import { requireReadableCase } from './require-readable-case';
import { timelinePage } from './list-case-timeline';

/**
 * The case, all its tasks, and the latest page of its timeline and comments (`…NextBefore` asks
 * for earlier ones: listCaseTimeline, listCaseComments) — for those allowed to read it.
 */
export async function getCaseDetail(db: DbOrTx, actor: Actor, caseId: string) {
  const c = await requireReadableCase(db, actor, caseId);
  const [taskRows, timeline, commentPage, versionRows] = await Promise.all([
    listCaseTasks(db, c.id),
    timelinePage(db, actor, c.id),
    listCaseCommentsPage(db, c.id, { limit: HISTORY_PAGE_SIZE }),
    db
      .select({ definition: caseTypeVersions.definition, version: caseTypeVersions.version })
      .from(caseTypeVersions)
      .where(eq(caseTypeVersions.id, c.caseTypeVersionId)),
  ]);
  return {
    case: c,
    tasks: taskRows,
    timeline: timeline.items,
    timelineNextBefore: timeline.nextBefore,
    comments: commentPage!.items,
    commentsNextBefore: commentPage!.nextBefore,
    definition: versionRows[0]!.definition,
    definitionVersion: versionRows[0]!.version,
  };
}
