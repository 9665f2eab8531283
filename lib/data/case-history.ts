import { and, count, desc, eq, gt, lt, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, comments, users } from '../../db/schema';
import { getUserNames } from './mentionable';

/**
 * A case's timeline and comments grow without bound (a long-running case, a chatty team), so
 * both are read a page at a time: the newest `limit` items before a cursor, returned oldest
 * first (as they are shown), with `nextBefore` to ask for the page before (null at the start).
 */
export type HistoryPage<T, C> = { items: T[]; nextBefore: C | null };

/** Events of the case before the event id `before`, optionally without some action prefixes. */
export async function listCaseTimelinePage(
  db: DbOrTx,
  caseId: string,
  opts: { before?: number; limit: number; hideActionPrefixes?: readonly string[] },
): Promise<HistoryPage<typeof auditEvents.$inferSelect, number>> {
  const where: SQL[] = [eq(auditEvents.caseId, caseId)];
  if (opts.before) where.push(lt(auditEvents.id, opts.before));
  for (const prefix of opts.hideActionPrefixes ?? [])
    where.push(notLike(auditEvents.action, `${prefix}%`));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit).reverse();
  return { items: page, nextBefore: rows.length > opts.limit ? page[0]!.id : null };
}

/** The position of a comment in its case's order (created_at, id); null when it is not the case's. */
async function commentPosition(db: DbOrTx, caseId: string, commentId: string) {
  const [c] = await db
    .select({ createdAt: comments.createdAt, id: comments.id })
    .from(comments)
    .where(and(eq(comments.caseId, caseId), eq(comments.id, commentId)));
  return c ?? null;
}

export type CommentRow = {
  comment: typeof comments.$inferSelect;
  authorName: string;
  /** The people the comment notified, by name (mentionedUserIds in order). */
  mentioned: { id: string; name: string }[];
};

/**
 * Comments of the case before the comment `before` (an id of this case's, checked by the caller
 * to be a uuid); `undefined` as the page when that comment is not the case's.
 */
export async function listCaseCommentsPage(
  db: DbOrTx,
  caseId: string,
  opts: { before?: string; limit: number },
): Promise<HistoryPage<CommentRow, string> | undefined> {
  const where: SQL[] = [eq(comments.caseId, caseId)];
  if (opts.before) {
    const at = await commentPosition(db, caseId, opts.before);
    if (!at) return undefined;
    where.push(
      or(
        lt(comments.createdAt, at.createdAt),
        and(eq(comments.createdAt, at.createdAt), lt(comments.id, at.id)),
      )!,
    );
  }
  const rows = await db
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(...where))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit).reverse();
  const names = await getUserNames(
    db,
    page.flatMap((r) => r.comment.mentionedUserIds),
  );
  const items = page.map((r) => ({
    ...r,
    mentioned: r.comment.mentionedUserIds.map((id) => ({ id, name: names.get(id) ?? 'someone' })),
  }));
  return { items, nextBefore: rows.length > opts.limit ? page[0]!.comment.id : null };
}

/**
 * How many comments the person wrote since `since`, from the audit trail (its action/time index
 * keeps this to the last minute's events). Call it inside the comment's transaction after
 * lockCommentsOf, so concurrent comments of the same person are counted one after the other.
 */
export async function countCommentsSince(db: DbOrTx, authorId: string, since: Date) {
  const [r] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'comment.added'),
        gt(auditEvents.occurredAt, since),
        eq(auditEvents.actorId, authorId),
      ),
    );
  return r?.n ?? 0;
}

/** Serialises one person's comment transactions (released at commit or rollback). */
export async function lockCommentsOf(db: DbOrTx, authorId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`comments:${authorId}`}))`);
}
