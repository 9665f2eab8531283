'use client';

import { useSyncExternalStore } from 'react';
import { isKnownTimeZone, utcOffsetLabel } from '@/lib/domain/time-zone';
import { Field, formatInstant, Input } from './ui';

/**
 * A time zone picker: type to filter the IANA zones the server knows (a native datalist, so it
 * is keyboard- and screen-reader-friendly everywhere), with the local time in the chosen zone
 * under it. `zones` comes from the server page (selectableTimeZones), so the list is the one
 * the server accepts whatever the browser's own list.
 */
export function TimeZoneInput({
  id,
  label = 'Time zone',
  value,
  onChange,
  zones,
  error,
  className,
}: {
  id: string;
  label?: string;
  value: string;
  onChange: (zone: string) => void;
  zones: readonly string[];
  error?: string | null;
  className?: string;
}) {
  const now = useMinuteClock();
  const known = isKnownTimeZone(value);
  const clock = !known
    ? value
      ? 'Choose a zone from the list, e.g. Europe/Berlin'
      : null
    : now
      ? `Local time there: ${formatInstant(now, value, 'medium')} (${utcOffsetLabel(value, now)})`
      : 'Local time there: …';
  return (
    <Field
      id={id}
      label={label}
      hint="Type to search, e.g. Berlin or New_York"
      error={error}
      className={className}
    >
      {(control) => (
        <>
          <Input
            {...control}
            aria-describedby={[control['aria-describedby'], clock ? `${id}-clock` : null]
              .filter(Boolean)
              .join(' ')}
            block
            list={`${id}-zones`}
            value={value}
            onChange={(e) => onChange(e.target.value.trim())}
            autoComplete="off"
            spellCheck={false}
            placeholder="Europe/Berlin"
          />
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {clock ? (
            <p id={`${id}-clock`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {clock}
            </p>
          ) : null}
        </>
      )}
    </Field>
  );
}

/** The current time to 5 seconds, kept fresh; null on the server (no hydration mismatch). */
function useMinuteClock(): Date | null {
  const at = useSyncExternalStore(subscribeClock, clockNow, () => null);
  return at === null ? null : new Date(at);
}

const TICK_MS = 5_000;
const clockNow = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
function subscribeClock(onChange: () => void) {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
}
