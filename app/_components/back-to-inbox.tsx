'use client';

import Link from 'next/link';
import { useInboxReturnHref } from './inbox-return';

/** "← Inbox": back to the queue, filters, search and task the person left the inbox from. */
export function BackToInbox({ className }: { className?: string }) {
  return (
    <Link
      href={useInboxReturnHref()}
      className={className}
      title="Back to the inbox, where you were (Esc or u)"
    >
      ← Inbox
    </Link>
  );
}
