'use client';

import { useRouter } from 'next/navigation';
import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from '../../../../_components/is-typing';

/**
 * The task shortcuts: Ctrl/⌘+Enter completes from inside the form, Escape or u goes back to the
 * inbox, c claims.
 */
export function useTaskKeyboard({
  formRef,
  onSubmit,
  onClaim,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: () => void;
  /** Null when the task cannot be claimed now. */
  onClaim: (() => void) | null;
}) {
  const router = useRouter();
  // Subscribed anew after every render, so the handler always sees the current form and task.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (
        e.key === 'Enter' &&
        (e.ctrlKey || e.metaKey) &&
        formRef.current?.contains(document.activeElement)
      ) {
        e.preventDefault();
        onSubmit();
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === 'Escape' || e.key === 'u') router.push('/inbox');
      else if (e.key === 'c' && onClaim) onClaim();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
