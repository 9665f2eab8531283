'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  matchMentionable,
  mentionQueryAt,
  mentionText,
  resolveMentions,
} from '@/lib/domain/mentions';
import { api } from '../../../../_components/api-client';
import { taskKeys } from '../../../../_components/query-keys';

export type MentionPerson = { id: string; name: string; email: string; outOfOffice: boolean };

const lower = (s: string) => s.toLowerCase();

/**
 * The @mention autocomplete of a comment box: the people who can be mentioned (loaded once the
 * box is first used), the name being typed before the caret, the keys that move through and
 * pick from the list, and whom the text will notify (picked people still named in the text,
 * and typed handles that name exactly one person — the server decides the same way).
 */
export function useMentions({
  taskId,
  body,
  setBody,
  textarea,
}: {
  taskId: string;
  body: string;
  setBody: (body: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const [wanted, setWanted] = useState(false);
  const people = useQuery({
    queryKey: [...taskKeys.detail(taskId), 'mentionable'],
    queryFn: () => api<{ people: MentionPerson[] }>(`/api/tasks/${taskId}/mentionable`),
    enabled: wanted,
    staleTime: 5 * 60_000,
  });
  const everyone = useMemo(() => people.data?.people ?? [], [people.data]);
  const [picked, setPicked] = useState<MentionPerson[]>([]);
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  // Escape closes the list until the name typed changes.
  const [dismissed, setDismissed] = useState<{ start: number; query: string } | null>(null);

  const matches = typing ? matchMentionable(everyone, typing.query) : [];
  // A space after a name that matches no one ends the mention: it was a word, not a name.
  const open =
    typing !== null &&
    !(dismissed?.start === typing.start && dismissed.query === typing.query) &&
    (matches.length > 0 || !typing.query.includes(' '));
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  /** Follows the caret: call after every change, click and caret move. */
  function track() {
    const el = textarea.current;
    if (!el) return;
    const next = mentionQueryAt(el.value, el.selectionStart);
    if (next?.start !== typing?.start || next?.query !== typing?.query) setActive(0);
    setTyping(next);
    if (next) setWanted(true);
  }

  function pick(person: MentionPerson) {
    const el = textarea.current;
    if (!el || !typing) return;
    const inserted = `${mentionText(person)} `;
    const next = body.slice(0, typing.start) + inserted + body.slice(el.selectionStart);
    setBody(next);
    setPicked((p) => (p.some((x) => x.id === person.id) ? p : [...p, person]));
    setTyping(null);
    const caret = typing.start + inserted.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  }

  /** The list's keys; true when the key was the list's (the caller then ignores it). */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || !typing) return false;
    const move = (by: number) =>
      setActive((activeIndex + by + matches.length) % Math.max(matches.length, 1));
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && matches.length)
      move(e.key === 'ArrowDown' ? 1 : -1);
    else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && matches.length)
      pick(matches[activeIndex]!);
    else if (e.key === 'Escape') setDismissed(typing);
    else return false;
    e.preventDefault();
    return true;
  }

  // Picked people whose "@Name" was deleted from the text are no longer mentioned.
  const present = picked.filter((p) => lower(body).includes(lower(mentionText(p))));
  const resolution = resolveMentions(body, present, everyone);
  const byId = new Map([...everyone, ...present].map((p) => [p.id, p]));
  return {
    /** Call when the box is first used, so the list is there when "@" is typed. */
    load: () => setWanted(true),
    loading: people.isFetching,
    loadError: people.isError,
    open,
    query: typing?.query ?? '',
    matches,
    activeIndex,
    track,
    pick,
    onKeyDown,
    close: () => setTyping(null),
    /** Ids sent with the comment. */
    mentionIds: present.map((p) => p.id),
    willNotify: resolution.userIds.map((id) => byId.get(id)!),
    unresolved: people.data ? resolution.unresolved : [],
    reset: () => {
      setPicked([]);
      setTyping(null);
    },
  };
}
