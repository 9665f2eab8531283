'use client';

import { useState } from 'react';
import { Button } from '../../../_components/ui';

/** Selects the text of the element `id`, so Ctrl+C (⌘C) copies it. */
function selectText(id: string): boolean {
  const el = document.getElementById(id);
  const selection = window.getSelection();
  if (!el || !selection) return false;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/**
 * Copies a new token's plaintext. The clipboard API needs a secure context and permission; where
 * it is missing or refused, the token is selected and copied the old way, or left selected for
 * Ctrl+C. What happened is said in words next to the button (inside the caller's live region).
 */
export function TokenCopyButton({ text, targetId }: { text: string; targetId: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard API');
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      const selected = selectText(targetId);
      let copied = false;
      try {
        copied = selected && document.execCommand('copy');
      } catch {
        copied = false;
      }
      setStatus(
        copied ? 'Copied' : selected ? 'Selected: press Ctrl+C (⌘C) to copy' : 'Copy it by hand',
      );
    }
  }
  return (
    <span className="mt-2 flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void copy()}>
        Copy token
      </Button>
      <span className="text-xs" data-testid="copy-status">
        {status}
      </span>
    </span>
  );
}
