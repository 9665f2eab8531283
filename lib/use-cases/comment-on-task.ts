import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { comments, users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { countCommentsSince, lockCommentsOf } from '../data/case-history';
import { getRecipient, notifyOnce } from '../data/recipients';
import { loadUserActor } from '../data/users';
import { canSeeTask, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { applyTaskOperation } from './apply-task-operation';

/**
 * Per person, counted in the database so every server process shares the limit: enough for a
 * conversation, too few to flood a case's timeline or its watchers' mailboxes.
 */
export const COMMENTS_PER_MINUTE = 10;

/** A comment on the task's case; `@handle` mentions notify the people who can see the task. */
export async function commentOnTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; body: string },
  now = new Date(),
) {
  const body = input.body.trim();
  if (!body)
    throw new DomainError('validation', 'A comment cannot be empty.', {
      body: 'must not be empty',
    });
  const task = await applyTaskOperation(
    db,
    actor,
    { taskId: input.taskId, command: { op: 'comment' }, summary: () => '' },
    now,
  );
  // @handle mentions the user whose e-mail starts with "handle@"; only people who can see the task are notified.
  const handles = [
    ...new Set([...body.matchAll(/(?:^|\s)@([a-z0-9._-]+)/gi)].map((m) => m[1]!.toLowerCase())),
  ].slice(0, 20);
  const candidates = handles.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(inArray(sql`lower(split_part(${users.email}, '@', 1))`, handles))
    : [];
  const mentioned: string[] = [];
  for (const c of candidates) {
    const who = await loadUserActor(db, c.id);
    if (who && who.id !== actor.id && canSeeTask(who, task)) mentioned.push(who.id);
  }
  return db.transaction(async (tx) => {
    await lockCommentsOf(tx, actor.id);
    const recent = await countCommentsSince(tx, actor.id, new Date(now.getTime() - 60_000));
    if (recent >= COMMENTS_PER_MINUTE)
      throw new DomainError(
        'rate_limited',
        `You have posted ${COMMENTS_PER_MINUTE} comments in the last minute, the most allowed. Wait a moment and post again.`,
        undefined,
        { retryAfterSeconds: 60 },
      );
    const [c] = await tx
      .insert(comments)
      .values({
        caseId: task.caseId,
        taskId: task.id,
        authorId: actor.id,
        body,
        mentionedUserIds: mentioned,
        createdAt: now,
      })
      .returning();
    for (const userId of mentioned) {
      const recipient = await getRecipient(tx, userId);
      if (!recipient) continue;
      await notifyOnce(
        tx,
        {
          recipient,
          kind: 'mention',
          caseId: task.caseId,
          taskId: task.id,
          title: `${actor.name} mentioned you on “${task.name}”`,
          body: body.slice(0, 200),
          link: `/tasks/${task.id}`,
          dedupeKey: `mention:${c!.id}:${userId}`,
        },
        now,
      );
    }
    await recordAudit(tx, actor, {
      action: 'comment.added',
      entityType: 'comment',
      entityId: c!.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: `${actor.name} commented`,
      after: { body, mentionedUserIds: mentioned },
      occurredAt: now,
    });
    return c!;
  });
}
