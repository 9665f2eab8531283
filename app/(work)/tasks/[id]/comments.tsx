'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiRequestError } from '../../../_components/api-client';

type Comment = { id: string; body: string; authorName: string; createdAt: string };

export function Comments({
  taskId,
  comments,
  timeZone,
}: {
  taskId: string;
  comments: Comment[];
  timeZone: string;
}) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const post = useMutation({
    mutationFn: () => api(`/api/tasks/${taskId}/comments`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      setBody('');
      setError(null);
      router.refresh();
    },
    onError: (e) =>
      setError(e instanceof ApiRequestError ? e.error.message : 'Could not post the comment.'),
  });
  const fmt = (d: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(d));
  return (
    <section aria-labelledby="comments-heading" className="mt-6">
      <h2 id="comments-heading" className="mb-2 text-sm font-semibold">
        Comments
      </h2>
      {comments.length ? (
        <ul className="mb-3 space-y-2">
          {comments.map((c) => (
            <li key={c.id} className="text-sm" data-testid="comment">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {c.authorName} · <span className="tabular">{fmt(c.createdAt)}</span>
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
        <textarea
          id="comment-body"
          rows={2}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Add a comment… mention someone with @name (e.g. @adjuster2)"
          className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        {error ? (
          <p className="text-xs text-red-700 dark:text-red-300" role="alert">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={post.isPending || !body.trim()}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Comment
        </button>
      </form>
    </section>
  );
}
