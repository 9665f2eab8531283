import type { DbOrTx } from '../../db/client';
import { listCaseCommentsPage } from '../data/case-history';
import type { Actor } from '../domain/permissions';
import { commentsQuerySchema, HISTORY_PAGE_SIZE } from '../schemas/history';
import { parseOrThrow, validationError } from '../validation';
import { requireReadableCase } from './require-readable-case';

/**
 * GET /api/cases/:id/comments?before=&limit= — the comments before the comment `before`, newest
 * page first, each page oldest first; for those allowed to read the case.
 */
export async function listCaseComments(
  db: DbOrTx,
  actor: Actor,
  caseId: string,
  query: Record<string, string>,
) {
  const c = await requireReadableCase(db, actor, caseId);
  const q = parseOrThrow(commentsQuerySchema, query, { lead: 'Invalid page' });
  const page = await listCaseCommentsPage(db, c.id, {
    before: q.before,
    limit: q.limit ?? HISTORY_PAGE_SIZE,
  });
  if (!page) throw validationError({ before: 'must be a comment of this case' }, 'Invalid page');
  return { comments: page.items, nextBefore: page.nextBefore };
}
