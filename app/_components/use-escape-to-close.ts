'use client';

import { useEffect, useRef } from 'react';

/**
 * While a disclosure (the menu, the queues) is open, Escape closes it and focus goes back to
 * the button that opened it. Listened for in the capture phase and marked handled, so the
 * page's own Escape (a task page goes back to the inbox) does not also fire.
 */
export function useEscapeToClose(open: boolean, close: () => void) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      closeRef.current();
      buttonRef.current?.focus();
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  return buttonRef;
}
