'use client';

import { useEffect, useRef } from 'react';
import { isDialogOpen, isInteractiveTarget, isTypingTarget } from '../../../_components/is-typing';
import { INBOX_SHORTCUTS, matchShortcut } from '../../../_components/shortcuts';
import type { InboxRow } from './inbox-data';
import type { useInboxSelection } from './use-inbox-selection';

type Selection = Pick<
  ReturnType<typeof useInboxSelection>,
  'selectedIndex' | 'selectedRow' | 'select' | 'justMoved'
>;

/**
 * The inbox shortcuts (INBOX_SHORTCUTS: j/k or the arrows move, Enter opens, c claims, / searches;
 * n, Next, is NextTaskButton's own);
 * Escape leaves a form control. Focus follows the selection so a screen reader reads the row, and
 * lands on the selected row on arrival, so the keys work at once.
 */
export function useInboxKeyboard({
  rows,
  selection,
  onOpen,
  onClaim,
}: {
  rows: InboxRow[];
  selection: Selection;
  onOpen: (row: InboxRow) => void;
  onClaim: (row: InboxRow) => void;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);
  const { selectedIndex, selectedRow, select, justMoved } = selection;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isDialogOpen()) return;
      if (isTypingTarget(e.target)) {
        // Escape leaves the field; the search typed stays (Chrome would clear a search box).
        if (e.key === 'Escape') {
          e.preventDefault();
          (e.target as HTMLElement).blur();
        }
        return;
      }
      const shortcut = matchShortcut(INBOX_SHORTCUTS, e);
      if (shortcut === 'next' || shortcut === 'previous') {
        e.preventDefault();
        const to = selectedIndex + (shortcut === 'next' ? 1 : -1);
        const n = Math.min(Math.max(to, 0), Math.max(rows.length - 1, 0));
        select(n);
        rowRefs.current[n]?.focus();
      } else if (shortcut === 'search') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (shortcut === 'open' || shortcut === 'claim') {
        // A focused link or button acts on Enter itself; a held key does not open one task after another.
        if (shortcut === 'open' && (isInteractiveTarget(e.target) || e.repeat)) return;
        // The selection just moved by itself: act only on a row the person has seen selected.
        if (!selectedRow || justMoved) return;
        e.preventDefault();
        if (shortcut === 'open') onOpen(selectedRow);
        else if (selectedRow.status === 'ready' && !selectedRow.fourEyes) onClaim(selectedRow);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selectedIndex, selectedRow, select, justMoved, onOpen, onClaim]);

  // On arrival, and when the focused row left the list, focus the selected row (unless the person
  // is elsewhere already), so the keys and a screen reader start from it.
  const selectedId = selectedRow?.id;
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    rowRefs.current[selectedIndex]?.focus();
  }, [selectedIndex, selectedId]);

  return { searchRef, rowRefs };
}
