import type { DbOrTx } from '../../db/client';
import { listCaseTimelinePage } from '../data/case-history';
import { caseAccessRefs, getCase } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { HISTORY_PAGE_SIZE, timelineQuerySchema } from '../schemas/history';
import { parseOrThrow } from '../validation';
import { guard } from './guard';

/** Sign-in refusals and staff comments stay inside Handoff: API clients never see them. */
const HIDDEN_FROM_TOKENS = ['auth.', 'comment.'] as const;

/** One page of a case's timeline by the reader: the API hides internal events from tokens. */
export function timelinePage(
  db: DbOrTx,
  actor: Actor,
  caseId: string,
  page: { before?: number; limit?: number } = {},
) {
  return listCaseTimelinePage(db, caseId, {
    before: page.before,
    limit: page.limit ?? HISTORY_PAGE_SIZE,
    hideActionPrefixes: actor.kind === 'token' ? HIDDEN_FROM_TOKENS : [],
  });
}

/**
 * GET …/cases/:id/timeline?before=&limit= — the events before `before` (an event id), newest
 * page first, each page oldest first; for those allowed to read the case.
 */
export async function listCaseTimeline(
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
  const page = parseOrThrow(timelineQuerySchema, query, { lead: 'Invalid page' });
  const { items, nextBefore } = await timelinePage(db, actor, c.id, page);
  return { events: items, nextBefore };
}
