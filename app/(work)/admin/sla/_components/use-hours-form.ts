'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Weekday } from '@/lib/domain/business-calendar';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '@/app/_components/ui';
import type { CalendarRow } from './calendar-row';
import { toWeekHours, type Interval, type WeekHours } from './week';

/** A calendar's time zone and weekly hours as edited, and saving them. */
export function useHoursForm(calendar: CalendarRow) {
  const router = useRouter();
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [hours, setHours] = useState<WeekHours>(() => toWeekHours(calendar.workingHours));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const setDay = (day: Weekday, change: (list: Interval[]) => Interval[]) =>
    setHours((h) => ({ ...h, [day]: change(h[day]) }));

  const save = useApiMutation({
    mutationFn: () =>
      api(`/api/admin/calendar/${calendar.id}`, {
        method: 'PATCH',
        body: {
          timeZone,
          // A closed day is left out rather than sent as an empty list.
          workingHours: Object.fromEntries(Object.entries(hours).filter(([, list]) => list.length)),
        },
      }),
    onSuccess: () => {
      setErrors({});
      setNotice({
        tone: 'ok',
        text: 'Working hours saved. New deadlines use them; existing deadlines stay as they are.',
      });
      router.refresh();
    },
    onError: (e) => {
      const p = toApiProblem(e, 'Could not save the working hours.');
      setErrors(p.fields);
      setNotice({ tone: 'error', text: p.message });
    },
  });

  return {
    timeZone,
    setTimeZone,
    hours,
    errors,
    notice,
    busy: save.isPending,
    save: () => save.mutate(),
    setRange: (day: Weekday, i: number, patch: Partial<Interval>) =>
      setDay(day, (list) => list.map((r, k) => (k === i ? { ...r, ...patch } : r))),
    removeRange: (day: Weekday, i: number) => setDay(day, (list) => list.filter((_, k) => k !== i)),
    /** A first interval is a working day; a second one is an afternoon after a break. */
    addRange: (day: Weekday) =>
      setDay(day, (list) => [
        ...list,
        list.length ? { start: '13:00', end: '17:00' } : { start: '09:00', end: '17:00' },
      ]),
  };
}

export type HoursFormState = ReturnType<typeof useHoursForm>;
