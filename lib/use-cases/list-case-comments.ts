import type { DbOrTx } from '../../db/client';
import { listCaseCommentsPage } from '../data/case-history';
import { caseAccessRefs, getCase } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { commentsQuerySchema, HISTORY_PAGE_SIZE } from '../schemas/history';
import { parseOrThrow, validationError } from '../validation';
import { guard } from './guard';

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
  const c = await getCase(db, caseId);
  if (!c) throw new DomainError('not_found', 'Case was not found.');
  await guard(db, actor, 'case.read', await caseAccessRefs(db, c.id), {
    type: 'case',
    id: c.id,
    caseId: c.id,
  });
  const q = parseOrThrow(commentsQuerySchema, query, { lead: 'Invalid page' });
  const page = await listCaseCommentsPage(db, c.id, {
    before: q.before,
    limit: q.limit ?? HISTORY_PAGE_SIZE,
  });
  if (!page) throw validationError({ before: 'must be a comment of this case' }, 'Invalid page');
  return { comments: page.items, nextBefore: page.nextBefore };
}
