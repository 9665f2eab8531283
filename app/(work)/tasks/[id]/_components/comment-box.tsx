'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { UnresolvedMention } from '@/lib/domain/mentions';
import { api } from '../../../../_components/api-client';
import {
  Button,
  Notice,
  NoticeLine,
  Textarea,
  useApiMutation,
  type NoticeState,
} from '../../../../_components/ui';
import { MentionList } from './mention-list';
import { useMentions } from './use-mentions';

type Posted = { notified: { id: string; name: string }[]; unresolved: UnresolvedMention[] };

const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');
const handles = (list: readonly UnresolvedMention[]) =>
  list.map((u) => `@${u.handle} (${u.problem})`).join('; ');

/** What the server says it did: who was notified and which handles named no one. */
function postedNotice(r: Posted): NoticeState {
  const who = r.notified.length
    ? `Comment posted. Notified: ${names(r.notified)}.`
    : 'Comment posted. No one was notified.';
  const missed = r.unresolved.length ? ` Not notified: ${handles(r.unresolved)}.` : '';
  return { tone: 'ok', text: who + missed };
}

/**
 * The box that adds a comment. "@" opens the list of people who can be mentioned on the task
 * (arrows move, Enter or Tab picks, Escape closes); below it, whom the comment will notify.
 * Ctrl/⌘+Enter posts.
 */
export function CommentBox({ taskId }: { taskId: string }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [posted, setPosted] = useState<NoticeState>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const m = useMentions({ taskId, body, setBody, textarea });
  const id = useId();
  const listId = `${id}-people`;
  const post = useApiMutation({
    mutationFn: () =>
      api<Posted>(`/api/tasks/${taskId}/comments`, {
        method: 'POST',
        body: { body, mentions: m.mentionIds },
      }),
    fallbackMessage: 'Could not post the comment.',
    onSuccess: (r) => {
      setBody('');
      m.reset();
      setPosted(postedNotice(r));
      router.refresh();
    },
  });
  const submit = () => {
    if (body.trim() && !post.isPending) post.mutate();
  };
  const active = m.open ? m.matches[m.activeIndex] : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-2"
    >
      <label htmlFor={`${id}-body`} className="sr-only">
        Add a comment
      </label>
      <div className="relative">
        <Textarea
          id={`${id}-body`}
          ref={textarea}
          rows={2}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setPosted(null);
            m.track();
          }}
          onSelect={m.track}
          onFocus={m.load}
          onBlur={m.close}
          onKeyDown={(e) => {
            if (m.onKeyDown(e)) return;
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          aria-autocomplete="list"
          aria-controls={m.open ? listId : undefined}
          aria-activedescendant={active ? `${listId}-${active.id}` : undefined}
          aria-describedby={`${id}-hint ${id}-notify`}
          placeholder="Add a comment… type @ to mention someone"
          className="w-full"
        />
        {m.open ? (
          <MentionList
            id={listId}
            matches={m.matches}
            activeIndex={m.activeIndex}
            loading={m.loading}
            loadError={m.loadError}
            onPick={m.pick}
          />
        ) : null}
      </div>
      <p role="status" className="sr-only">
        {m.open && m.matches.length
          ? `${m.matches.length} ${m.matches.length === 1 ? 'person matches' : 'people match'}; arrows move, Enter picks, Escape closes.`
          : ''}
      </p>
      <WillNotify id={`${id}-notify`} people={m.willNotify} unresolved={m.unresolved} />
      <p id={`${id}-hint`} className="sr-only">
        Type @ and a name to mention someone. Control and Enter posts the comment.
      </p>
      {post.problem ? (
        <Notice tone="error" className="text-xs">
          {post.problem.message}
        </Notice>
      ) : null}
      <NoticeLine notice={posted} className="text-xs" />
      <Button
        type="submit"
        variant="secondary"
        disabled={post.isPending || !body.trim()}
        className="py-1"
      >
        Comment
      </Button>
    </form>
  );
}

/** "Will notify: …" before sending, and the handles that name no one. */
function WillNotify({
  id,
  people,
  unresolved,
}: {
  id: string;
  people: readonly { name: string }[];
  unresolved: readonly UnresolvedMention[];
}) {
  return (
    <div id={id} className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="will-notify">
      {people.length ? <p>Will notify: {names(people)}</p> : null}
      {unresolved.length ? (
        <p className="text-amber-800 dark:text-amber-300">Not notified: {handles(unresolved)}</p>
      ) : null}
    </div>
  );
}
