'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { isDialogOpen, isTypingTarget } from './is-typing';
import { GLOBAL_SHORTCUTS, matchShortcut, shortcutSectionsFor } from './shortcuts';
import { Button } from './ui';

/** What Tab may land on inside the overlay. */
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The `?` overlay: every shortcut of the page open now and of every page, in a modal dialog.
 * Focus moves into it and stays there (Tab cycles), Escape or Close shuts it and focus returns
 * to where it was.
 */
export function ShortcutsOverlay() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (open || isTypingTarget(e.target) || isDialogOpen()) return;
      if (matchShortcut(GLOBAL_SHORTCUTS, e) !== 'help') return;
      e.preventDefault();
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpen(true);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      const back = returnTo.current;
      if (back?.isConnected && back !== document.body) back.focus();
    };
  }, [open]);

  // A modal dialog keeps focus from the page, but Tab could still reach the browser's own bar.
  function trapTab(e: ReactKeyboardEvent<HTMLDialogElement>) {
    if (e.key !== 'Tab') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  if (!open) return null;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="shortcuts-heading"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
      onKeyDown={trapTab}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-lg backdrop:bg-zinc-900/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 id="shortcuts-heading" className="text-sm font-semibold">
          Keyboard shortcuts
        </h2>
        <Button variant="subtle" size="sm" data-autofocus onClick={() => setOpen(false)}>
          Close <kbd className="ml-1 font-mono">Esc</kbd>
        </Button>
      </div>
      <div className="max-h-[70vh] space-y-4 overflow-auto px-4 py-3">
        {shortcutSectionsFor(pathname).map((section) => (
          <section key={section.id} aria-labelledby={`shortcuts-${section.id}`}>
            <h3
              id={`shortcuts-${section.id}`}
              className="mb-1 text-xs font-medium text-zinc-600 uppercase dark:text-zinc-400"
            >
              {section.title}
            </h3>
            <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {section.shortcuts.map((s) => (
                <div key={s.description} className="flex items-baseline gap-3 py-1.5">
                  <dt className="w-28 shrink-0">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i ? <span className="text-zinc-500 dark:text-zinc-400"> or </span> : null}
                        <kbd className="rounded border border-zinc-300 px-1 font-mono text-xs dark:border-zinc-600">
                          {k}
                        </kbd>
                      </span>
                    ))}
                  </dt>
                  <dd className="text-zinc-700 dark:text-zinc-300">{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
