'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiRequestError } from '../../../_components/api-client';
import { taskKeys } from '../../../_components/query-keys';

type FormField = {
  name: string;
  label: string;
  type: string;
  required?: boolean;
  min?: number;
  max?: number;
};
type Outcome = { key: string; label: string; fields: FormField[] };

export type WorkspaceTask = {
  id: string;
  version: number;
  status: string;
  outcomes: Outcome[];
  canClaim: boolean;
  canRelease: boolean;
  canComplete: boolean;
  suggestedPayout: number | null;
};

type Detail = {
  task: {
    task: { version: number; status: string; assigneeId: string | null };
    assigneeName: string | null;
  };
};

function isTyping(el: EventTarget | null) {
  return (
    el instanceof HTMLElement &&
    (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
  );
}

/** Claim, release and the decision, on the task screen. The server decides; this only asks and explains. */
export function TaskWorkspace({ task }: { task: WorkspaceTask }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [outcomeKey, setOutcomeKey] = useState<string>(task.outcomes[0]?.key ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    task.suggestedPayout !== null
      ? { payoutAmount: String(task.suggestedPayout) }
      : ({} as Record<string, string>),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  /** Our own actions change the version too; only changes made by others deserve the notice. */
  const ownActionAt = useRef(0);

  // Watch for changes made by others (a reassignment, a colleague completing it) and show them.
  const detail = useQuery({
    queryKey: taskKeys.detail(task.id),
    queryFn: () => api<Detail>(`/api/tasks/${task.id}`),
    refetchInterval: 10_000,
  });
  useEffect(() => {
    const d = detail.data?.task;
    if (d && d.task.version !== task.version && Date.now() - ownActionAt.current > 5_000) {
      setNotice({
        kind: 'info',
        text: `This task changed while you were looking: it is now ${d.task.status}${d.assigneeName ? ` (${d.assigneeName})` : ''}. The view has been refreshed.`,
      });
      router.refresh();
    }
  }, [detail.data, task.version, router]);

  const refresh = () => {
    ownActionAt.current = Date.now();
    void qc.invalidateQueries({ queryKey: taskKeys.all });
    router.refresh();
  };
  const onError = (e: unknown) => {
    const err = e instanceof ApiRequestError ? e.error : null;
    if (err?.fields)
      setErrors(
        Object.fromEntries(
          Object.entries(err.fields).map(([k, v]) => [k.replace(/^data\./, ''), v]),
        ),
      );
    setNotice({
      kind: 'error',
      text: err
        ? err.status === 409
          ? `${err.message} The view has been refreshed with the current state.`
          : err.message
        : 'Something went wrong; try again.',
    });
    if (err?.status === 409) refresh();
  };

  const action = useMutation({
    mutationFn: (op: 'claim' | 'release') =>
      api(`/api/tasks/${task.id}/${op}`, { method: 'POST', body: { version: task.version } }),
    onSuccess: () => {
      setNotice(null);
      refresh();
    },
    onError,
  });

  const outcome = useMemo(
    () => task.outcomes.find((o) => o.key === outcomeKey),
    [task.outcomes, outcomeKey],
  );
  const complete = useMutation({
    mutationFn: (payload: { outcome: string; data: Record<string, unknown> }) =>
      api(`/api/tasks/${task.id}/complete`, {
        method: 'POST',
        body: { ...payload, version: task.version },
      }),
    onSuccess: () => {
      setNotice({ kind: 'info', text: 'Done. The case has moved on.' });
      refresh();
    },
    onError,
  });

  function validate(): Record<string, unknown> | null {
    if (!outcome) return null;
    const data: Record<string, unknown> = {};
    const errs: Record<string, string> = {};
    for (const f of outcome.fields) {
      const raw = (values[f.name] ?? '').trim();
      if (!raw) {
        if (f.required) errs[f.name] = `${f.label} is required`;
        continue;
      }
      if (f.type === 'money' || f.type === 'number') {
        const n = Number(raw.replace(/[,\s$]/g, ''));
        if (!Number.isFinite(n)) errs[f.name] = `${f.label} must be a number`;
        else if (f.min !== undefined && n < f.min)
          errs[f.name] = `${f.label} must be at least ${f.min}`;
        else if (f.max !== undefined && n > f.max)
          errs[f.name] = `${f.label} must be at most ${f.max}`;
        else data[f.name] = n;
      } else data[f.name] = raw;
    }
    setErrors(errs);
    return Object.keys(errs).length ? null : data;
  }

  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (complete.isPending || !outcome) return;
    const data = validate();
    if (data) complete.mutate({ outcome: outcome.key, data });
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (
        e.key === 'Enter' &&
        (e.ctrlKey || e.metaKey) &&
        formRef.current?.contains(document.activeElement)
      ) {
        e.preventDefault();
        submit();
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'Escape' || e.key === 'u') router.push('/inbox');
      else if (e.key === 'c' && task.canClaim && !action.isPending) action.mutate('claim');
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const input =
    'mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';
  return (
    <section
      aria-labelledby="decision-heading"
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="decision-heading" className="text-sm font-semibold">
          Decision
        </h2>
        <div className="flex gap-2">
          {task.canClaim ? (
            <button
              type="button"
              onClick={() => action.mutate('claim')}
              disabled={action.isPending}
              className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
            >
              Claim <kbd className="ml-1 font-mono text-xs opacity-80">c</kbd>
            </button>
          ) : null}
          {task.canRelease ? (
            <button
              type="button"
              onClick={() => action.mutate('release')}
              disabled={action.isPending}
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Release
            </button>
          ) : null}
        </div>
      </div>
      <div role="status" aria-live="polite">
        {notice ? (
          <p
            className={`mt-3 rounded-md px-3 py-2 text-sm ${notice.kind === 'error' ? 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100' : 'bg-accent-50 text-accent-700 dark:bg-zinc-800 dark:text-zinc-100'}`}
            data-testid="task-notice"
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      {task.canComplete ? (
        <form
          ref={formRef}
          onSubmit={submit}
          className="mt-3 space-y-3"
          noValidate
          aria-label="Decision form"
        >
          <fieldset>
            <legend className="sr-only">Outcome</legend>
            <div className="space-y-1">
              {task.outcomes.map((o) => (
                <label key={o.key} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="outcome"
                    value={o.key}
                    checked={outcomeKey === o.key}
                    onChange={() => setOutcomeKey(o.key)}
                  />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          {outcome?.fields.map((f) => (
            <div key={`${outcome.key}-${f.name}`}>
              <label htmlFor={`f-${f.name}`} className="text-sm font-medium">
                {f.label}
                {f.required ? <span aria-hidden> *</span> : null}
              </label>
              {f.type === 'text' ? (
                <textarea
                  id={`f-${f.name}`}
                  rows={3}
                  className={input}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  aria-invalid={!!errors[f.name]}
                  aria-describedby={errors[f.name] ? `e-${f.name}` : undefined}
                  required={f.required}
                />
              ) : (
                <input
                  id={`f-${f.name}`}
                  inputMode={f.type === 'money' || f.type === 'number' ? 'decimal' : undefined}
                  className={`${input} tabular`}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  aria-invalid={!!errors[f.name]}
                  aria-describedby={errors[f.name] ? `e-${f.name}` : undefined}
                  required={f.required}
                />
              )}
              {errors[f.name] ? (
                <p id={`e-${f.name}`} className="mt-1 text-xs text-red-700 dark:text-red-300">
                  {errors[f.name]}
                </p>
              ) : null}
            </div>
          ))}
          <button
            type="submit"
            disabled={complete.isPending}
            className="rounded-md bg-accent-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
          >
            {complete.isPending ? 'Completing…' : 'Complete'}{' '}
            <kbd className="ml-1 font-mono text-xs opacity-80">Ctrl ⏎</kbd>
          </button>
        </form>
      ) : (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {task.status === 'completed' || task.status === 'cancelled'
            ? `This task is ${task.status}.`
            : task.canClaim
              ? 'Claim the task to decide.'
              : 'Only the person it is assigned to can decide.'}
        </p>
      )}
    </section>
  );
}
