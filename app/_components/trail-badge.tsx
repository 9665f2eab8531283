'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

type Verdict = {
  verified: boolean;
  events: number;
  chains: number;
  firstBreak: { chain: string; seq: number; eventId: number | null; problem: string } | null;
  problems: unknown[];
  checkpoints: {
    count: number;
    keyConfigured: boolean;
    problems: { checkpointId: number; problem: string }[];
  };
};

const base =
  'inline-flex items-center gap-1.5 rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset';
const tone = {
  pending:
    'bg-zinc-50 text-zinc-600 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800',
  ok: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900',
  broken: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900',
};

function describe(v: Verdict, scope: 'case' | 'trail'): { text: string; detail: string } {
  const signed = v.checkpoints.keyConfigured
    ? `${v.checkpoints.count} signed checkpoints checked`
    : `${v.checkpoints.count} checkpoints, signatures not checked (no key on this server)`;
  if (v.verified)
    return {
      text: 'Verified ✓',
      detail: `Audit trail intact: ${v.events} events in ${v.chains} ${v.chains === 1 ? 'chain' : 'chains'}, every hash recomputed; ${signed}.`,
    };
  const b = v.firstBreak;
  if (b) {
    const where =
      scope === 'trail' ? ` of ${b.chain === 'global' ? 'the global chain' : b.chain}` : '';
    return {
      text: `Broken at event ${b.seq}${where}`,
      detail: `${b.problem}${b.eventId !== null ? ` (audit event id ${b.eventId})` : ''}; ${v.problems.length} problem(s) in all.`,
    };
  }
  const c = v.checkpoints.problems[0];
  return {
    text: `Broken at checkpoint ${c?.checkpointId ?? '?'}`,
    detail: `${c?.problem ?? 'checkpoint problem'}; ${v.checkpoints.problems.length} checkpoint problem(s).`,
  };
}

/**
 * "Verified ✓ / Broken at event N": the audit trail's hash chain (and its signed checkpoints)
 * recomputed on the server when the page opens — of one case (`caseId`), or of everything (the
 * admin audit page). Text and shape, not colour alone; the detail in the hover title and for
 * screen readers.
 */
export function TrailBadge(props: { caseId?: string }) {
  const scope = props.caseId ? 'case' : 'trail';
  const url = props.caseId
    ? `/api/cases/${encodeURIComponent(props.caseId)}/verify`
    : '/api/audit/verify';
  const q = useQuery({
    queryKey: ['audit-verify', props.caseId ?? 'all'],
    queryFn: () => api<Verdict>(url),
    staleTime: 60_000,
    retry: false,
  });
  if (q.isPending)
    return (
      <span role="status" className={`${base} ${tone.pending}`}>
        Checking audit trail…
      </span>
    );
  if (q.isError)
    return (
      <span role="status" className={`${base} ${tone.pending}`} title={q.error.message}>
        Audit trail not checked
      </span>
    );
  const { text, detail } = describe(q.data, scope);
  return (
    <span
      role="status"
      data-testid="trail-badge"
      className={`${base} ${q.data.verified ? tone.ok : tone.broken}`}
      title={detail}
    >
      {q.data.verified ? null : <span aria-hidden="true">⚠</span>}
      {text}
      <span className="sr-only">. {detail}</span>
    </span>
  );
}
