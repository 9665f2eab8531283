'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxRow } from './inbox-data';

/** How long after the selection moved by itself Enter and c wait: nobody saw the new row yet. */
export const MOVED_GRACE_MS = 1_000;

/** The selected task by id; its position and reference remembered for when it leaves the list. */
type Selection = { id: string | null; index: number; reference: string | null };
const FIRST: Selection = { id: null, index: 0, reference: null };

const clamp = (index: number, length: number) =>
  Math.min(Math.max(index, 0), Math.max(length - 1, 0));

/**
 * The selected row follows its task, not its position: when the list refreshes (a colleague
 * claimed a row above it), the same task stays selected. When the selected task itself left, the
 * row now at its place is selected, the person is told, and Enter and c wait a moment, so they
 * never act on a task nobody saw selected.
 *
 * `settled` is false while the previous view's rows stand in for the new ones; `initial` is the
 * task (and its position) to select first, e.g. the one the person came back from.
 */
export function useInboxSelection(
  rows: InboxRow[],
  settled: boolean,
  initial: { id: string | null; index: number },
) {
  const [selection, setSelection] = useState<Selection>(() => ({ ...initial, reference: null }));
  const [moved, setMoved] = useState<{ text: string; fresh: boolean } | null>(null);

  const found = selection.id === null ? -1 : rows.findIndex((r) => r.id === selection.id);
  const index = found >= 0 ? found : clamp(selection.index, rows.length);
  const row = rows[index];
  // Keep id, position and reference current; a selection that was set by the person (it has a
  // reference) and whose task is gone from a settled list moved by itself.
  if (settled && row && (row.id !== selection.id || index !== selection.index)) {
    if (selection.reference !== null && found < 0)
      setMoved({
        text: `${selection.reference} left this list; ${row.reference} is selected now.`,
        fresh: true,
      });
    setSelection({ id: row.id, index, reference: row.reference });
  }

  useEffect(() => {
    if (!moved?.fresh) return;
    const t = setTimeout(() => setMoved((m) => m && { ...m, fresh: false }), MOVED_GRACE_MS);
    return () => clearTimeout(t);
  }, [moved]);

  const rowsRef = useRef(rows);
  const selectedIdRef = useRef(row?.id);
  useEffect(() => {
    rowsRef.current = rows;
    selectedIdRef.current = row?.id;
  }, [rows, row?.id]);
  /** Selects the row at this position of the list on screen (focusing the selected row changes nothing). */
  const select = useCallback((at: number) => {
    const r = rowsRef.current[at];
    if (!r || r.id === selectedIdRef.current) return;
    setSelection({ id: r.id, index: at, reference: r.reference });
    setMoved(null);
  }, []);
  /** Back to the first row, silently: a new queue, filter or page. */
  const reset = useCallback(() => {
    setSelection(FIRST);
    setMoved(null);
  }, []);

  return {
    selectedIndex: index,
    selectedRow: row,
    select,
    reset,
    /** Why the selection moved by itself, for a screen reader; empty when it did not. */
    movedNotice: moved?.text ?? '',
    /** The selection moved by itself a moment ago: Enter and c wait. */
    justMoved: moved?.fresh ?? false,
  };
}
