'use client';

import { useEffect, useRef, useState } from 'react';
import { Button, Field, Select } from '../../../../_components/ui';
import type { Subscription } from './types';

/** How long the replaced secret keeps signing beside the new one (hours). */
const OVERLAPS = [
  { hours: 24, label: '24 hours (receivers switch without missing an event)' },
  { hours: 1, label: '1 hour' },
  { hours: 168, label: '7 days' },
  { hours: 0, label: 'Stops at once (the old secret leaked)' },
] as const;

/**
 * Rotating a subscription's secret: the admin chooses how long the old secret keeps signing
 * beside the new one (each delivery then carries one v1 signature per secret), or that it stops
 * at once. The new secret is shown once, as on creation.
 */
export function RotateSecretForm({
  subscription,
  busy,
  error,
  onRotate,
  onCancel,
}: {
  subscription: Subscription;
  busy: boolean;
  error?: string;
  onRotate: (hours: number) => void;
  onCancel: () => void;
}) {
  const [hours, setHours] = useState<number>(24);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      aria-labelledby="wh-rotate"
      className="space-y-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-700"
      onSubmit={(e) => {
        e.preventDefault();
        onRotate(hours);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="wh-rotate" className="text-base font-semibold">
        Rotate the signing secret of “{subscription.name}”
      </h2>
      <Field label="The old secret keeps signing for" error={error}>
        {(control) => (
          <Select
            {...control}
            ref={first}
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            {OVERLAPS.map((o) => (
              <option key={o.hours} value={o.hours}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          Rotate secret
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
