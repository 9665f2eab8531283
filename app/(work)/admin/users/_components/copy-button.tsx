'use client';

import { useState } from 'react';
import { Button } from '../../../../_components/ui';

/** Copies `text` to the clipboard and says so (politely, for screen readers). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <Button variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select and copy' : ''}
      </span>
    </>
  );
}
