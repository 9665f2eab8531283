'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import {
  Button,
  DateTime,
  Notice,
  Textarea,
  toApiProblem,
  useApiMutation,
} from '../../../../_components/ui';
import { useEarlierPages } from '../../../../_components/use-earlier-pages';
import { toCommentView, type CommentView } from './task-views';

type CommentsPage = {
  comments: Parameters<typeof toCommentView>[0][];
  nextBefore: string | null;
};
const byTime = (a: CommentView, b: CommentView) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The case's comments, oldest first — the latest page, earlier ones on "Show earlier comments"
 * — and a box to add one (with @mentions).
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
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const post = useApiMutation({
    mutationFn: () => api(`/api/tasks/${taskId}/comments`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      setBody('');
      setError(null);
      router.refresh();
    },
    onError: (e) => setError(toApiProblem(e, 'Could not post the comment.').message),
  });
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
              </p>
              <p className="whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">No comments yet.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) post.mutate();
        }}
        className="space-y-2"
      >
        <label htmlFor="comment-body" className="sr-only">
          Add a comment
        </label>
        <Textarea
          id="comment-body"
          rows={2}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Add a comment… mention someone with @name (e.g. @adjuster2)"
          className="w-full"
        />
        {error ? (
          <Notice tone="error" className="text-xs">
            {error}
          </Notice>
        ) : null}
        <Button
          type="submit"
          variant="secondary"
          disabled={post.isPending || !body.trim()}
          className="py-1"
        >
          Comment
        </Button>
      </form>
    </section>
  );
}
