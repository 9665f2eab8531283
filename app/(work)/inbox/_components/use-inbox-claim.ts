'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { taskKeys } from '../../../_components/query-keys';
import { toApiProblem, useApiMutation, type NoticeState } from '../../../_components/ui';
import type { InboxRow } from './inbox-data';

/** Claiming a row from the list, and what the person is told about it. */
export function useInboxClaim() {
  const qc = useQueryClient();
  const [message, setMessage] = useState<NoticeState>(null);
  const claim = useApiMutation({
    mutationFn: (row: InboxRow) =>
      api<{ task: { id: string } }>(`/api/tasks/${row.id}/claim`, {
        method: 'POST',
        body: { version: row.version },
      }),
    onSuccess: (_d, row) =>
      setMessage({ tone: 'ok', text: `You claimed ${row.reference} · ${row.name}.` }),
    onError: (e) =>
      setMessage({ tone: 'error', text: toApiProblem(e, 'Could not claim the task.').message }),
    onSettled: () => void qc.invalidateQueries({ queryKey: taskKeys.lists() }),
  });
  return { claim, message };
}
