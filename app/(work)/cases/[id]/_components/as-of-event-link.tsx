import Link from 'next/link';

/**
 * A timeline event's way into the past: the case as it stood right after the event (with the
 * rest of the change it belongs to), read-only.
 */
export function AsOfEventLink({ caseId, eventId }: { caseId: string; eventId: number }) {
  return (
    <Link
      href={`/cases/${caseId}/as-of?event=${eventId}`}
      className="text-xs text-accent-600 hover:underline dark:text-accent-100"
    >
      View the case as of this event
    </Link>
  );
}
