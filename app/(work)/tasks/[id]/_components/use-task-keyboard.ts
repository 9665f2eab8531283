'use client';

import { useRouter } from 'next/navigation';
import { useEffect, type RefObject } from 'react';
import { inboxReturnHref } from '../../../../_components/inbox-return';
import { isDialogOpen, isTypingTarget } from '../../../../_components/is-typing';
import { matchShortcut, TASK_SHORTCUTS } from '../../../../_components/shortcuts';

/**
 * The task shortcuts (TASK_SHORTCUTS): Ctrl/⌘+Enter completes from anywhere on the page, 1–9
 * choose the outcome, Escape or u go back to where the person was in the inbox, c claims.
 * Text boxes keep their keys: single keys type, Escape leaves the box, and a text box outside
 * the decision form (the comment) keeps Ctrl+Enter too.
 */
export function useTaskKeyboard({
  formRef,
  onSubmit,
  onClaim,
  onPickOutcome,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: () => void;
  /** Null when the task cannot be claimed now. */
  onClaim: (() => void) | null;
  /** Chooses the outcome at this position; null when there is no decision form. */
  onPickOutcome: ((index: number) => void) | null;
}) {
  const router = useRouter();
  // Subscribed anew after every render, so the handler always sees the current form and task.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isDialogOpen()) return;
      const shortcut = matchShortcut(TASK_SHORTCUTS, e);
      const typing = isTypingTarget(e.target);
      if (shortcut === 'complete') {
        const form = formRef.current;
        if (!form || (typing && !form.contains(e.target as Node))) return;
        e.preventDefault();
        // A held key completes once.
        if (!e.repeat) onSubmit();
        return;
      }
      if (typing) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      if (shortcut === 'back') {
        e.preventDefault();
        router.push(inboxReturnHref());
      } else if (shortcut === 'claim' && onClaim) {
        e.preventDefault();
        onClaim();
      } else if (shortcut === 'outcome' && onPickOutcome) {
        e.preventDefault();
        onPickOutcome(Number(e.key) - 1);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
