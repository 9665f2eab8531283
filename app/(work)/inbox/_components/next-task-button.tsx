'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api } from '../../../_components/api-client';
import { isDialogOpen, isTypingTarget } from '../../../_components/is-typing';
import { INBOX_SHORTCUTS } from '../../../_components/shortcuts';
import { Button, Notice, useApiMutation } from '../../../_components/ui';

type NextAnswer = { task: { id: string } | null; message?: string };

/**
 * "Next" (key `n`): the server claims the most urgent task waiting for the person and the page
 * opens it. When none is waiting, a polite status says so; the inbox stays where it is.
 */
export function NextTaskButton() {
  const router = useRouter();
  const [idle, setIdle] = useState<string | null>(null);
  const next = useApiMutation({
    mutationFn: () => api<NextAnswer>('/api/tasks/next', { method: 'POST', body: {} }),
    onMutate: () => setIdle(null),
    onSuccess: (answer) => {
      if (answer.task) router.push(`/tasks/${answer.task.id}`);
      else setIdle(answer.message ?? 'No task is waiting for you.');
    },
    fallbackMessage: 'Could not get the next task. Try again.',
  });
  const { mutate, isPending } = next;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.repeat || isDialogOpen() || isTypingTarget(e.target)) return;
      if (!INBOX_SHORTCUTS.claimNext.matches(e)) return;
      e.preventDefault();
      if (!isPending) mutate();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mutate, isPending]);

  return (
    <div className="flex items-center gap-2">
      <Button
        onClick={() => mutate()}
        disabled={isPending}
        aria-keyshortcuts="n"
        title="Claim and open the most urgent task waiting for you (n)"
      >
        {/* The visible words are the accessible name (the shortcut key is hidden from it). */}
        {isPending ? 'Finding next task…' : 'Next task'}
        <kbd className="ml-1 font-mono text-xs opacity-80" aria-hidden="true">
          n
        </kbd>
      </Button>
      {next.problem ? <Notice tone="error">{next.problem.message}</Notice> : null}
      {/* Always present, so the words are read out when they arrive. */}
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
        {idle}
      </p>
    </div>
  );
}
