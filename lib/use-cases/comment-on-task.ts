import type { DbOrTx } from '../../db/client';
import { comments } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { countCommentsSince, lockCommentsOf } from '../data/case-history';
import { getCaseReferences } from '../data/cases';
import { listMentionablePeople, type MentionableRow } from '../data/mentionable';
import { getRecipient, notifyOnce } from '../data/recipients';
import type { TaskRow } from '../data/tasks';
import { resolveMentions, type UnresolvedMention } from '../domain/mentions';
import type { UserActor } from '../domain/permissions';
import { DomainError, type FieldErrors } from '../errors';
import { validationError } from '../validation';
import { applyTaskOperation } from './apply-task-operation';

/**
 * Per person, counted in the database so every server process shares the limit: enough for a
 * conversation, too few to flood a case's timeline or its watchers' mailboxes.
 */
export const COMMENTS_PER_MINUTE = 10;

export type CommentInput = {
  taskId: string;
  body: string;
  /** People picked from the mention list (GET /api/tasks/:id/mentionable), by user id. */
  mentions?: readonly string[];
};

/**
 * A comment on the task's case. It notifies the people picked by id — each must be mentionable
 * on the task, else a 400 naming `mentions.<i>` — and each typed `@handle` that names exactly
 * one mentionable person; the other handles come back as `unresolved`, never silently dropped.
 */
export async function commentOnTask(
  db: DbOrTx,
  actor: UserActor,
  input: CommentInput,
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
  const people = await listMentionablePeople(db, task, actor.id);
  const { notified, unresolved } = whomToNotify(actor, body, input.mentions ?? [], people);
  const reference = (await getCaseReferences(db, [task.caseId])).get(task.caseId) ?? '';
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
    const mentionedUserIds = notified.map((p) => p.id);
    const [c] = await tx
      .insert(comments)
      .values({
        caseId: task.caseId,
        taskId: task.id,
        authorId: actor.id,
        body,
        mentionedUserIds,
        createdAt: now,
      })
      .returning();
    await notifyMentioned(tx, { actor, task, reference, commentId: c!.id, body, notified }, now);
    await recordAudit(tx, actor, {
      action: 'comment.added',
      entityType: 'comment',
      entityId: c!.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: notified.length
        ? `${actor.name} commented, mentioning ${notified.map((p) => p.name).join(', ')}`
        : `${actor.name} commented`,
      after: {
        body,
        mentionedUserIds,
        ...(unresolved.length ? { notNotified: unresolved.map((u) => `@${u.handle}`) } : {}),
      },
      occurredAt: now,
    });
    return {
      comment: c!,
      notified: notified.map(({ id, name }) => ({ id, name })),
      unresolved,
    };
  });
}

/** Picked ids checked against the mentionable people, then the typed handles resolved. */
function whomToNotify(
  actor: UserActor,
  body: string,
  mentions: readonly string[],
  people: MentionableRow[],
): { notified: MentionableRow[]; unresolved: UnresolvedMention[] } {
  const byId = new Map(people.map((p) => [p.id, p]));
  const problems: FieldErrors = {};
  const picked: MentionableRow[] = [];
  mentions.forEach((id, i) => {
    const person = byId.get(id);
    if (person) picked.push(person);
    else
      problems[`mentions.${i}`] =
        id === actor.id
          ? 'is you: a comment does not notify its author'
          : 'is not someone who can be mentioned on this task (its group’s members and supervisor, its assignee, admins on the case)';
  });
  if (Object.keys(problems).length) throw validationError(problems, 'Invalid mentions');
  const { userIds, unresolved } = resolveMentions(body, picked, people);
  return { notified: userIds.map((id) => byId.get(id)!), unresolved };
}

/** One notification per person mentioned, naming the case so it reads well out of context. */
async function notifyMentioned(
  tx: DbOrTx,
  m: {
    actor: UserActor;
    task: TaskRow;
    reference: string;
    commentId: string;
    body: string;
    notified: readonly MentionableRow[];
  },
  now: Date,
) {
  for (const person of m.notified) {
    const recipient = await getRecipient(tx, person.id);
    if (!recipient) continue;
    await notifyOnce(
      tx,
      {
        recipient,
        kind: 'mention',
        caseId: m.task.caseId,
        taskId: m.task.id,
        title: `${m.actor.name} mentioned you on ${m.reference} · ${m.task.name}`,
        body: m.body.slice(0, 200),
        link: `/tasks/${m.task.id}`,
        dedupeKey: `mention:${m.commentId}:${person.id}`,
      },
      now,
    );
  }
}
