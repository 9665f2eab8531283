import type { DbOrTx } from '../../db/client';
import { listCaseTimelinePage } from '../data/case-history';
import type { Actor } from '../domain/permissions';
import { HISTORY_PAGE_SIZE, timelineQuerySchema } from '../schemas/history';
import { parseOrThrow } from '../validation';
import { requireReadableCase } from './require-readable-case';

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
  const c = await requireReadableCase(db, actor, caseId);
  const page = parseOrThrow(timelineQuerySchema, query, { lead: 'Invalid page' });
  const { items, nextBefore } = await timelinePage(db, actor, c.id, page);
  return { events: items, nextBefore };
}
