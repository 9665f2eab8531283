/** Inputs that take no typed text: a key press on them is free for shortcuts. */
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'image',
  'file',
]);

/**
 * True when a key press goes to a control that types text (or a select, whose letters jump
 * between options): single-key shortcuts leave it alone. Radios and checkboxes do not type, so
 * the shortcuts work while one of them has focus (the decision form's outcome, say).
 */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(el.type);
}

/**
 * True when a key press goes to something that acts on Enter by itself (a link, a button, a form
 * control): page shortcuts on Enter leave it to that element.
 */
export function isInteractiveTarget(el: EventTarget | null): boolean {
  return (
    el instanceof HTMLElement &&
    (isTypingTarget(el) ||
      el.closest('a[href], button, input, select, textarea, summary, [role="button"]') !== null)
  );
}

/**
 * True while a dialog (the shortcuts overlay, the notifications panel) is open: its keys are its
 * own, so Escape closes it instead of also leaving the page.
 */
export function isDialogOpen(): boolean {
  return [...document.querySelectorAll('dialog[open], [role="dialog"]')].some(
    (el) => el.getClientRects().length > 0,
  );
}
