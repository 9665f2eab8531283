'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '@/app/_components/ui';
import type { CalendarRow, Holiday } from './calendar-row';

/** The text in a form's field (its inputs are all text, so never a file). */
const textOf = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** Adding and removing a calendar's holidays, with the field errors and the outcome in words. */
export function useHolidays(calendar: CalendarRow) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<NoticeState>(null);

  const add = useApiMutation({
    mutationFn: (v: { day: string; name: string; form: HTMLFormElement }) =>
      api<{ holiday: { day: string; name: string } }>(
        `/api/admin/calendar/${calendar.id}/holidays`,
        { method: 'POST', body: { day: v.day, name: v.name } },
      ),
    onSuccess: ({ holiday }, v) => {
      setErrors({});
      setNotice({ tone: 'ok', text: `${holiday.name} (${holiday.day}) added.` });
      v.form.reset();
      router.refresh();
    },
    onError: (e) => {
      const p = toApiProblem(e, 'Could not add the holiday.');
      setErrors(p.fields);
      setNotice({ tone: 'error', text: p.message });
    },
  });
  const remove = useApiMutation({
    mutationFn: (h: Holiday) =>
      api(`/api/admin/calendar/${calendar.id}/holidays/${h.id}`, { method: 'DELETE', body: {} }),
    onSuccess: (_, h) => setNotice({ tone: 'ok', text: `${h.name} (${h.day}) removed.` }),
    onError: (e) =>
      setNotice({ tone: 'error', text: toApiProblem(e, 'Could not remove the holiday.').message }),
    // Refresh either way: a failed removal may mean someone else removed it first.
    onSettled: () => router.refresh(),
  });

  return {
    errors,
    notice,
    busy: add.isPending || remove.isPending,
    add: (form: HTMLFormElement) => {
      const data = new FormData(form);
      add.mutate({
        day: textOf(data.get('day')),
        name: textOf(data.get('name')),
        form,
      });
    },
    remove: (h: Holiday) => {
      if (
        !window.confirm(`Remove ${h.name} (${h.day})? It becomes a working day for new deadlines.`)
      )
        return;
      remove.mutate(h);
    },
  };
}

export type HolidaysState = ReturnType<typeof useHolidays>;
