'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '../../../../_components/api-client';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../../_components/ui';
import type { UserRow } from '../rows';
import { FALLBACK_MESSAGE } from './field-problems';
import type { RowMode } from './user-row';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type SetActive = { user: UserRow; activate: boolean };

/**
 * The users list: which form is open, the outcome of the last action, and deactivating or
 * reactivating a person (their claimed tasks go back to the queue; the server says how many).
 */
export function useUserAdmin() {
  const router = useRouter();
  const [notice, setNotice] = useState<NoticeState>(null);
  const [creating, setCreating] = useState(false);
  /** The one row with a form open (edit or password reset), if any. */
  const [open, setOpen] = useState<{ id: string; mode: RowMode } | null>(null);

  const done = (text: string) => {
    setNotice({ tone: 'ok', text });
    setCreating(false);
    setOpen(null);
    router.refresh();
  };

  const setActive = useApiMutation({
    mutationFn: ({ user, activate }: SetActive) =>
      api<{ returnedTaskIds?: string[] }>(
        `/api/admin/users/${user.id}/${activate ? 'reactivate' : 'deactivate'}`,
        { method: 'POST', body: {} },
      ),
    onSuccess: (res, { user, activate }) =>
      done(
        activate
          ? `${user.name} can sign in again.`
          : `${user.name} deactivated; ${plural(res.returnedTaskIds?.length ?? 0, 'task')} returned to the queue.`,
      ),
    onError: (e) => {
      setNotice({ tone: 'error', text: toApiProblem(e, FALLBACK_MESSAGE).message });
      router.refresh();
    },
  });

  function changeActive(user: UserRow, activate: boolean) {
    if (!activate) {
      const tasks = user.claimedTasks
        ? ` Their ${plural(user.claimedTasks, 'claimed task')} will go back to the group queue.`
        : '';
      const ok = window.confirm(
        `Deactivate ${user.name}? They will be signed out and can no longer sign in.${tasks}`,
      );
      if (!ok) return;
    }
    setActive.mutate({ user, activate });
  }

  return {
    notice,
    creating,
    startCreating: () => setCreating(true),
    cancelCreating: () => setCreating(false),
    modeOf: (id: string): RowMode => (open?.id === id ? open.mode : 'view'),
    setMode: (id: string, mode: RowMode) => setOpen(mode === 'view' ? null : { id, mode }),
    done,
    changeActive,
    /** The user whose activation is being changed, if any. */
    busyId: setActive.isPending ? (setActive.variables?.user.id ?? null) : null,
  };
}
