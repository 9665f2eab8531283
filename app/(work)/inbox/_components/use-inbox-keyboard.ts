'use client';

import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { isTypingTarget } from '../../../_components/is-typing';
import type { InboxRow } from './inbox-data';

/**
 * The inbox shortcuts: j/k or the arrows move, Enter opens, c claims, / searches; Escape leaves
 * a form control. Focus follows the selection so a screen reader reads the row.
 */
export function useInboxKeyboard({
  rows,
  selected,
  setSelected,
  onOpen,
  onClaim,
}: {
  rows: InboxRow[];
  selected: number;
  setSelected: Dispatch<SetStateAction<number>>;
  onOpen: (row: InboxRow | undefined) => void;
  onClaim: (row: InboxRow) => void;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (isTypingTarget(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      const move = (d: number) => {
        e.preventDefault();
        setSelected((s) => {
          const n = Math.min(Math.max(s + d, 0), Math.max(rows.length - 1, 0));
          rowRefs.current[n]?.focus();
          return n;
        });
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(-1);
      else if (e.key === 'Enter') onOpen(rows[selected]);
      else if (e.key === 'c') {
        const row = rows[selected];
        if (row && row.status === 'ready' && !row.fourEyes) onClaim(row);
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, setSelected, onOpen, onClaim]);

  return { searchRef, rowRefs };
}
