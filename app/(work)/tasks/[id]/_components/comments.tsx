'use client';

import { api } from '../../../../_components/api-client';
import { splitMentions } from '@/lib/domain/mentions';
import { Button, DateTime, Notice } from '../../../../_components/ui';
import { useEarlierPages } from '../../../../_components/use-earlier-pages';
import { CommentBox } from './comment-box';
import { toCommentView, type CommentView } from './task-views';

type CommentsPage = {
  comments: Parameters<typeof toCommentView>[0][];
  nextBefore: string | null;
};
const byTime = (a: CommentView, b: CommentView) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The case's comments, oldest first — the latest page, earlier ones on "Show earlier comments"
 * — each saying whom it notified, and a box to add one (with @mentions).
 */
export function Comments({
  taskId,
  caseId,
  comments: latest,
  nextBefore,
}: {
  taskId: string;
  caseId: string;
  comments: CommentView[];
  nextBefore: string | null;
}) {
  const pages = useEarlierPages(
    { items: latest, nextBefore },
    async (before) => {
      const r = await api<CommentsPage>(`/api/cases/${caseId}/comments?before=${before}`);
      return { items: r.comments.map(toCommentView), nextBefore: r.nextBefore };
    },
    byTime,
  );
  const comments = pages.items;
  return (
    <section aria-labelledby="comments-heading" className="mt-6">
      <h2 id="comments-heading" className="mb-2 text-sm font-semibold">
        Comments
      </h2>
      {pages.hasEarlier ? (
        <Button
          variant="link"
          size={null}
          className="mb-2 text-sm"
          disabled={pages.loading}
          onClick={pages.loadEarlier}
        >
          {pages.loading ? 'Loading earlier comments…' : 'Show earlier comments'}
        </Button>
      ) : null}
      {pages.error ? (
        <Notice tone="error" className="mb-2 text-xs">
          {pages.error}
        </Notice>
      ) : null}
      {comments.length ? (
        <ul className="mb-3 space-y-2">
          {comments.map((c) => (
            <li key={c.id} className="text-sm" data-testid="comment">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {c.authorName} · <DateTime value={c.createdAt} className="tabular" title={false} />
                {c.mentioned.length
                  ? ` · notified ${c.mentioned.map((p) => p.name).join(', ')}`
                  : ''}
              </p>
              <CommentText body={c.body} mentioned={c.mentioned} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p>
      )}
      <CommentBox taskId={taskId} />
    </section>
  );
}

/** A comment's text with the "@Name" of each person it notified set apart. */
function CommentText({ body, mentioned }: Pick<CommentView, 'body' | 'mentioned'>) {
  return (
    <p className="break-words whitespace-pre-wrap">
      {splitMentions(body, mentioned).map((part, i) =>
        'userId' in part ? (
          <span key={i} className="font-medium text-accent-700 dark:text-accent-100">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
