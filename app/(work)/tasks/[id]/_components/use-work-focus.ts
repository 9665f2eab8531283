'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { TASK_TITLE_ID } from './task-title';

/**
 * Focus lands where the work is: on arrival, the decision form's chosen outcome (its group is
 * labelled "Decision for <case> · <task>", so a screen reader says where the person is); when
 * the person cannot decide, the Claim button, else the heading. When the form appears (after
 * claiming) or the Claim button comes back, focus moves there. Focus the person put elsewhere
 * stays where it is.
 */
export function useWorkFocus({
  formRef,
  panelRef,
  canComplete,
  canClaim,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  /** The decision panel, whose Claim button is marked `data-work-claim`. */
  panelRef: RefObject<HTMLElement | null>;
  canComplete: boolean;
  canClaim: boolean;
}) {
  const arrived = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    const first = !arrived.current;
    arrived.current = true;
    if (active && active !== document.body) return;
    const target =
      (canComplete ? firstDecisionControl(formRef.current) : null) ??
      (canClaim ? panelRef.current?.querySelector<HTMLElement>('[data-work-claim]') : null) ??
      (first ? document.getElementById(TASK_TITLE_ID) : null);
    target?.focus();
  }, [formRef, panelRef, canComplete, canClaim]);
}

/** The outcome chosen (the tab stop of the radio group), else the form's first control. */
export function firstDecisionControl(form: HTMLFormElement | null): HTMLElement | null {
  return (
    form?.querySelector<HTMLElement>('input[name="outcome"]:checked') ??
    form?.querySelector<HTMLElement>('input, textarea, select, button') ??
    null
  );
}
