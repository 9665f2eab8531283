'use client';

import { DateTime as Luxon } from 'luxon';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button, Field, Input, useViewerTimeZone } from '@/app/_components/ui';

/** A datetime-local value ("2026-11-20T14:30") read in the viewer's zone, as an ISO instant. */
export function localToInstant(local: string, timeZone: string): string | null {
  const d = Luxon.fromISO(local, { zone: timeZone });
  return d.isValid ? d.toUTC().toISO() : null;
}

/** An ISO instant as a datetime-local value in the viewer's zone. */
export function instantToLocal(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = Luxon.fromISO(iso, { zone: timeZone });
  return d.isValid ? d.toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/**
 * "As of": pick a date and time (in the viewer's time zone) and see the case as it stood then,
 * on /cases/:id/as-of. For the case page and the task page.
 */
export function AsOfControl({ caseId, at }: { caseId: string; at?: string | null }) {
  const timeZone = useViewerTimeZone();
  const router = useRouter();
  const [value, setValue] = useState(() => instantToLocal(at, timeZone));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const instant = localToInstant(value, timeZone);
    if (!instant) return setError('Enter a date and time.');
    setError(null);
    router.push(`/cases/${caseId}/as-of?at=${encodeURIComponent(instant)}`);
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-2"
      aria-label="View the case as of a moment"
    >
      <Field label="As of" hint={`Your time zone: ${timeZone}`} error={error} id={id}>
        {(control) => (
          <Input
            {...control}
            type="datetime-local"
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
