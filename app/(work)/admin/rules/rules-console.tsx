'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiRequestError } from '../../../_components/api-client';

type Leaf = { field: string; op: string; value?: unknown };
type Condition = Leaf | { all: Condition[] } | { any: Condition[] };
type Action = { type: string; [k: string]: unknown };
type Field = { path: string; label: string; type: string; operators: string[] };
type HistoryItem = {
  version: number;
  name: string;
  conditionText: string;
  actionsText: string;
  active: boolean;
  createdAt: string;
  createdBy: string | null;
};
type Rule = {
  id: string;
  position: number;
  active: boolean;
  version: number;
  name: string;
  description: string | null;
  condition: Condition;
  actions: Action[];
  conditionText: string;
  actionsText: string;
  warnings: { code: string; message: string }[];
  history: HistoryItem[];
};
export type RulesData = {
  caseType: { key: string; name: string };
  fields: Field[];
  steps: { key: string; name: string; kind: string }[];
  groups: { key: string; name: string }[];
  slaPolicies: { key: string; name: string }[];
  rules: Rule[];
};
type Preview = {
  evaluated: number;
  matchedByDraft: number;
  changed: { reference: string; claimant: string; before: string; after: string }[];
  conditionText: string;
  actionsText: string;
  warnings: { code: string; message: string }[];
};

type Draft = {
  ruleId: string | null;
  expectedVersion?: number;
  name: string;
  description: string;
  active: boolean;
  join: 'all' | 'any';
  leaves: { field: string; op: string; value: string }[];
  actions: Action[];
};

const OP_LABEL: Record<string, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  exists: 'is present',
};
const ACTIONS = [
  { type: 'route_to_group', label: 'Route to group' },
  { type: 'route_to_user', label: 'Route to person' },
  { type: 'set_priority', label: 'Set priority' },
  { type: 'override_sla', label: 'Override SLA' },
  { type: 'add_approval_step', label: 'Add approval step' },
  { type: 'straight_through', label: 'Straight through to' },
];

function toDraft(r: Rule | null): Draft {
  if (!r)
    return {
      ruleId: null,
      name: '',
      description: '',
      active: true,
      join: 'all',
      leaves: [{ field: 'recommendedPayout', op: 'gt', value: '' }],
      actions: [{ type: 'route_to_group', groupKey: '', stepKey: '' }],
    };
  const c = r.condition;
  const leaves = ('all' in c ? c.all : 'any' in c ? c.any : [c]) as Leaf[];
  return {
    ruleId: r.id,
    expectedVersion: r.version,
    name: r.name,
    description: r.description ?? '',
    active: r.active,
    join: 'any' in c ? 'any' : 'all',
    leaves: leaves.map((l) => ({
      field: l.field,
      op: l.op,
      value: Array.isArray(l.value)
        ? l.value.join(', ')
        : l.value === undefined || l.value === null
          ? ''
          : String(l.value),
    })),
    actions: r.actions.map((a) => ({ ...a })),
  };
}

function parseValue(raw: string, type: string, op: string): unknown {
  if (op === 'exists') return undefined;
  const one = (s: string) =>
    type === 'number' || type === 'money'
      ? s.trim() === ''
        ? s
        : Number(s.replace(/[,\s]/g, ''))
      : type === 'boolean'
        ? s === 'true'
        : s.trim();
  return op === 'in' || op === 'not_in'
    ? raw
        .split(',')
        .map((s) => one(s))
        .filter((s) => s !== '')
    : one(raw);
}

function toBody(d: Draft, fields: Field[]) {
  const leaves = d.leaves.map((l) => {
    const f = fields.find((x) => x.path === l.field);
    const value = parseValue(l.value, f?.type ?? 'string', l.op);
    return value === undefined ? { field: l.field, op: l.op } : { field: l.field, op: l.op, value };
  });
  return {
    caseType: 'auto-claim',
    ruleId: d.ruleId,
    ...(d.expectedVersion ? { expectedVersion: d.expectedVersion } : {}),
    name: d.name,
    description: d.description,
    active: d.active,
    condition: leaves.length === 1 ? leaves[0] : { [d.join]: leaves },
    actions: d.actions,
  };
}

export function RulesConsole({ data }: { data: RulesData }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);

  const fail = (e: unknown) => {
    const err = e instanceof ApiRequestError ? e.error : null;
    setErrors(err?.fields ?? {});
    setMessage({ kind: 'error', text: err?.message ?? 'Something went wrong.' });
  };
  const save = useMutation({
    mutationFn: (d: Draft) =>
      api<{ ruleId: string; version: number }>('/api/admin/rules', {
        method: 'POST',
        body: toBody(d, data.fields),
      }),
    onSuccess: (r, d) => {
      setMessage({
        kind: 'ok',
        text: `Saved “${d.name}” as version ${r.version}. New cases are routed by it from now on; cases already routed keep their version.`,
      });
      setDraft(null);
      setPreview(null);
      setErrors({});
      router.refresh();
    },
    onError: fail,
  });
  const runPreview = useMutation({
    mutationFn: (d: Draft) =>
      api<Preview>('/api/admin/rules/preview', {
        method: 'POST',
        body: { draft: toBody(d, data.fields), limit: 200 },
      }),
    onSuccess: (p) => {
      setPreview(p);
      setErrors({});
      setMessage(null);
    },
    onError: fail,
  });
  const move = useMutation({
    mutationFn: (v: { id: string; direction: 'up' | 'down' }) =>
      api(`/api/admin/rules/${v.id}/move`, { method: 'POST', body: { direction: v.direction } }),
    onSuccess: () => router.refresh(),
    onError: fail,
  });

  const setLeaf = (i: number, patch: Partial<Draft['leaves'][number]>) =>
    setDraft(
      (d) => d && { ...d, leaves: d.leaves.map((l, j) => (j === i ? { ...l, ...patch } : l)) },
    );
  const setAction = (i: number, patch: Record<string, unknown>) =>
    setDraft(
      (d) => d && { ...d, actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) },
    );
  const input =
    'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';
  const err = (k: string) =>
    errors[k] ? (
      <span className="block text-xs text-red-700 dark:text-red-300">{errors[k]}</span>
    ) : null;
  const humanSteps = data.steps.filter((s) => s.kind === 'human');

  return (
    <div className="grid gap-6 px-6 py-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,34rem)]">
      <section aria-labelledby="rules-heading">
        <div className="flex items-center justify-between">
          <h2 id="rules-heading" className="text-sm font-semibold">
            {data.caseType.name}: rules in evaluation order (first match wins)
          </h2>
          <button
            type="button"
            onClick={() => {
              setDraft(toDraft(null));
              setPreview(null);
              setErrors({});
            }}
            className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700"
          >
            New rule
          </button>
        </div>
        <div role="status" aria-live="polite">
          {message ? (
            <p
              className={`mt-2 text-sm ${message.kind === 'ok' ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}
              data-testid="rules-message"
            >
              {message.text}
            </p>
          ) : null}
        </div>
        <ol className="mt-3 space-y-2">
          {data.rules.map((r, i) => (
            <li
              key={r.id}
              className={`rounded-lg border p-3 text-sm ${r.active ? 'border-zinc-200 dark:border-zinc-800' : 'border-dashed border-zinc-300 opacity-70 dark:border-zinc-700'}`}
              data-testid="rule"
              data-name={r.name}
            >
              <div className="flex items-start gap-3">
                <span className="tabular mt-0.5 w-5 text-xs text-zinc-500">{i + 1}</span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {r.name}{' '}
                    <span className="text-xs font-normal text-zinc-500">
                      v{r.version}
                      {r.active ? '' : ' · inactive'}
                    </span>
                  </p>
                  <p className="mt-0.5 text-zinc-700 dark:text-zinc-300">
                    <span className="text-zinc-500">when</span> {r.conditionText}{' '}
                    <span className="text-zinc-500">then</span> {r.actionsText}
                  </p>
                  {r.warnings.map((w) => (
                    <p
                      key={w.code}
                      className="mt-1 text-xs text-amber-800 dark:text-amber-300"
                      role="note"
                    >
                      ⚠ {w.message}
                    </p>
                  ))}
                  {historyOf === r.id ? (
                    <ol
                      className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3 text-xs dark:border-zinc-700"
                      aria-label={`History of ${r.name}`}
                    >
                      {r.history.map((h, k) => {
                        const prev = r.history[k + 1];
                        return (
                          <li key={h.version}>
                            <span className="font-medium">v{h.version}</span> ·{' '}
                            {new Date(h.createdAt).toLocaleString('en-GB', {
                              dateStyle: 'medium',
                              timeStyle: 'short',
                            })}{' '}
                            · {h.createdBy ?? 'system'}
                            {prev ? (
                              <span className="block">
                                {prev.name !== h.name ? (
                                  <span className="block">
                                    name:{' '}
                                    <del className="text-red-700 dark:text-red-300">
                                      {prev.name}
                                    </del>{' '}
                                    →{' '}
                                    <ins className="text-emerald-800 no-underline dark:text-emerald-300">
                                      {h.name}
                                    </ins>
                                  </span>
                                ) : null}
                                {prev.conditionText !== h.conditionText ? (
                                  <span className="block">
                                    when:{' '}
                                    <del className="text-red-700 dark:text-red-300">
                                      {prev.conditionText}
                                    </del>{' '}
                                    →{' '}
                                    <ins className="text-emerald-800 no-underline dark:text-emerald-300">
                                      {h.conditionText}
                                    </ins>
                                  </span>
                                ) : null}
                                {prev.actionsText !== h.actionsText ? (
                                  <span className="block">
                                    then:{' '}
                                    <del className="text-red-700 dark:text-red-300">
                                      {prev.actionsText}
                                    </del>{' '}
                                    →{' '}
                                    <ins className="text-emerald-800 no-underline dark:text-emerald-300">
                                      {h.actionsText}
                                    </ins>
                                  </span>
                                ) : null}
                                {prev.active !== h.active ? (
                                  <span className="block">
                                    {h.active ? 'activated' : 'deactivated'}
                                  </span>
                                ) : null}
                              </span>
                            ) : (
                              <span className="block text-zinc-500">
                                created: when {h.conditionText} then {h.actionsText}
                              </span>
                            )}
                          </li>
                        );
                      })}
                    </ol>
                  ) : null}
                </div>
                <div className="flex shrink-0 items-center gap-1">
                  <button
                    type="button"
                    aria-label={`Move ${r.name} up`}
                    disabled={i === 0 || move.isPending}
                    onClick={() => move.mutate({ id: r.id, direction: 'up' })}
                    className="rounded px-1.5 py-0.5 hover:bg-zinc-100 disabled:opacity-30 dark:hover:bg-zinc-800"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${r.name} down`}
                    disabled={i === data.rules.length - 1 || move.isPending}
                    onClick={() => move.mutate({ id: r.id, direction: 'down' })}
                    className="rounded px-1.5 py-0.5 hover:bg-zinc-100 disabled:opacity-30 dark:hover:bg-zinc-800"
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setHistoryOf(historyOf === r.id ? null : r.id)}
                    aria-expanded={historyOf === r.id}
                    className="rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    History<span className="sr-only"> of {r.name}</span>
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setDraft(toDraft(r));
                      setPreview(null);
                      setErrors({});
                    }}
                    className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    Edit<span className="sr-only"> {r.name}</span>
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>

      {draft ? (
        <section
          aria-labelledby="editor-heading"
          className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          <h2 id="editor-heading" className="text-sm font-semibold">
            {draft.ruleId ? `Edit rule (saves a new version)` : 'New rule (evaluated last)'}
          </h2>
          <form
            className="mt-3 space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(draft);
            }}
            aria-label="Rule editor"
          >
            <div className="flex gap-3">
              <label className="flex-1 text-sm">
                <span className="block text-xs font-medium">Name</span>
                <input
                  className={`${input} w-full`}
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                />
                {err('name')}
              </label>
              <label className="flex items-center gap-1 self-end pb-1 text-sm">
                <input
                  type="checkbox"
                  checked={draft.active}
                  onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
                />{' '}
                active
              </label>
            </div>
            <label className="block text-sm">
              <span className="block text-xs font-medium">Description</span>
              <input
                className={`${input} w-full`}
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
            </label>
            <fieldset>
              <legend className="text-xs font-medium">
                When{' '}
                <select
                  aria-label="Match"
                  className={input}
                  value={draft.join}
                  onChange={(e) => setDraft({ ...draft, join: e.target.value as 'all' | 'any' })}
                >
                  <option value="all">all of</option>
                  <option value="any">any of</option>
                </select>{' '}
                these are true
              </legend>
              <div className="mt-2 space-y-2">
                {draft.leaves.map((l, i) => {
                  const f = data.fields.find((x) => x.path === l.field);
                  const path =
                    draft.leaves.length === 1 ? 'condition' : `condition.${draft.join}.${i}`;
                  return (
                    <div
                      key={i}
                      className="flex flex-wrap items-start gap-2"
                      data-testid="condition-row"
                    >
                      <select
                        aria-label={`Field ${i + 1}`}
                        className={input}
                        value={l.field}
                        onChange={(e) => {
                          const nf = data.fields.find((x) => x.path === e.target.value);
                          setLeaf(i, {
                            field: e.target.value,
                            op: nf?.operators.includes(l.op) ? l.op : (nf?.operators[0] ?? 'eq'),
                          });
                        }}
                      >
                        {data.fields.map((x) => (
                          <option key={x.path} value={x.path}>
                            {x.label}
                          </option>
                        ))}
                      </select>
                      <select
                        aria-label={`Operator ${i + 1}`}
                        className={input}
                        value={l.op}
                        onChange={(e) => setLeaf(i, { op: e.target.value })}
                      >
                        {(f?.operators ?? ['eq']).map((o) => (
                          <option key={o} value={o}>
                            {OP_LABEL[o] ?? o}
                          </option>
                        ))}
                      </select>
                      {l.op !== 'exists' ? (
                        f?.type === 'boolean' ? (
                          <select
                            aria-label={`Value ${i + 1}`}
                            className={input}
                            value={l.value}
                            onChange={(e) => setLeaf(i, { value: e.target.value })}
                          >
                            <option value="true">yes</option>
                            <option value="false">no</option>
                          </select>
                        ) : (
                          <input
                            aria-label={`Value ${i + 1}`}
                            className={`${input} w-36 ${f?.type === 'money' || f?.type === 'number' ? 'tabular' : ''}`}
                            type={f?.type === 'date' && l.op !== 'in' ? 'date' : 'text'}
                            inputMode={
                              f?.type === 'money' || f?.type === 'number' ? 'decimal' : undefined
                            }
                            placeholder={l.op === 'in' || l.op === 'not_in' ? 'a, b, c' : ''}
                            value={l.value}
                            onChange={(e) => setLeaf(i, { value: e.target.value })}
                          />
                        )
                      ) : null}
                      <button
                        type="button"
                        aria-label={`Remove condition ${i + 1}`}
                        disabled={draft.leaves.length === 1}
                        onClick={() =>
                          setDraft({ ...draft, leaves: draft.leaves.filter((_, j) => j !== i) })
                        }
                        className="px-1 text-zinc-500 hover:text-red-700 disabled:opacity-30"
                      >
                        ×
                      </button>
                      {err(`${path}.field`) ?? err(`${path}.op`) ?? err(`${path}.value`)}
                    </div>
                  );
                })}
                <button
                  type="button"
                  onClick={() =>
                    setDraft({
                      ...draft,
                      leaves: [
                        ...draft.leaves,
                        {
                          field: data.fields[0]!.path,
                          op: data.fields[0]!.operators[0]!,
                          value: '',
                        },
                      ],
                    })
                  }
                  className="text-xs text-accent-600 hover:underline dark:text-accent-100"
                >
                  + Add condition
                </button>
              </div>
            </fieldset>
            <fieldset>
              <legend className="text-xs font-medium">Then</legend>
              <div className="mt-2 space-y-2">
                {draft.actions.map((a, i) => (
                  <div
                    key={i}
                    className="flex flex-wrap items-start gap-2"
                    data-testid="action-row"
                  >
                    <select
                      aria-label={`Action ${i + 1}`}
                      className={input}
                      value={a.type}
                      onChange={(e) => setAction(i, { type: e.target.value })}
                    >
                      {ACTIONS.map((x) => (
                        <option key={x.type} value={x.type}>
                          {x.label}
                        </option>
                      ))}
                    </select>
                    {a.type === 'route_to_group' ? (
                      <select
                        aria-label={`Group ${i + 1}`}
                        className={input}
                        value={String(a.groupKey ?? '')}
                        onChange={(e) => setAction(i, { groupKey: e.target.value })}
                      >
                        <option value="">group…</option>
                        {data.groups.map((g) => (
                          <option key={g.key} value={g.key}>
                            {g.name}
                          </option>
                        ))}
                      </select>
                    ) : null}
                    {a.type === 'route_to_user' ? (
                      <input
                        aria-label={`Person ${i + 1}`}
                        className={input}
                        placeholder="e-mail"
                        value={String(a.userEmail ?? '')}
                        onChange={(e) => setAction(i, { userEmail: e.target.value })}
                      />
                    ) : null}
                    {a.type === 'route_to_group' ||
                    a.type === 'route_to_user' ||
                    a.type === 'add_approval_step' ||
                    a.type === 'straight_through' ? (
                      <select
                        aria-label={`Step ${i + 1}`}
                        className={input}
                        value={String(a.stepKey ?? '')}
                        onChange={(e) => setAction(i, { stepKey: e.target.value })}
                      >
                        <option value="">step…</option>
                        {(a.type === 'straight_through' ? data.steps : humanSteps).map((s) => (
                          <option key={s.key} value={s.key}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                    ) : null}
                    {a.type === 'set_priority' ? (
                      <select
                        aria-label={`Priority ${i + 1}`}
                        className={input}
                        value={String(a.priority ?? 'high')}
                        onChange={(e) => setAction(i, { priority: e.target.value })}
                      >
                        {['low', 'normal', 'high', 'urgent'].map((p) => (
                          <option key={p}>{p}</option>
                        ))}
                      </select>
                    ) : null}
                    {a.type === 'override_sla' ? (
                      <select
                        aria-label={`SLA policy ${i + 1}`}
                        className={input}
                        value={String(a.slaPolicyKey ?? '')}
                        onChange={(e) => setAction(i, { slaPolicyKey: e.target.value })}
                      >
                        <option value="">policy…</option>
                        {data.slaPolicies.map((p) => (
                          <option key={p.key} value={p.key}>
                            {p.name}
                          </option>
                        ))}
                      </select>
                    ) : null}
                    <button
                      type="button"
                      aria-label={`Remove action ${i + 1}`}
                      disabled={draft.actions.length === 1}
                      onClick={() =>
                        setDraft({ ...draft, actions: draft.actions.filter((_, j) => j !== i) })
                      }
                      className="px-1 text-zinc-500 hover:text-red-700 disabled:opacity-30"
                    >
                      ×
                    </button>
                    {err(`actions.${i}.groupKey`) ??
                      err(`actions.${i}.stepKey`) ??
                      err(`actions.${i}.userEmail`) ??
                      err(`actions.${i}.slaPolicyKey`)}
                  </div>
                ))}
                <button
                  type="button"
                  onClick={() =>
                    setDraft({
                      ...draft,
                      actions: [...draft.actions, { type: 'set_priority', priority: 'high' }],
                    })
                  }
                  className="text-xs text-accent-600 hover:underline dark:text-accent-100"
                >
                  + Add action
                </button>
                {err('actions')}
              </div>
            </fieldset>
            <div className="flex gap-2">
              <button
                type="button"
                onClick={() => runPreview.mutate(draft)}
                disabled={runPreview.isPending}
                className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {runPreview.isPending ? 'Previewing…' : 'Preview on recent cases'}
              </button>
              <button
                type="submit"
                disabled={save.isPending}
                className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
              >
                {draft.ruleId ? 'Save new version' : 'Create rule'}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft(null);
                  setPreview(null);
                }}
                className="ml-auto px-2 text-sm text-zinc-500 hover:underline"
              >
                Cancel
              </button>
            </div>
          </form>
          {preview ? (
            <div
              className="mt-4 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800"
              data-testid="preview"
            >
              <p>
                <span className="text-zinc-500">when</span> {preview.conditionText}{' '}
                <span className="text-zinc-500">then</span> {preview.actionsText}
              </p>
              {preview.warnings.map((w) => (
                <p key={w.code} className="mt-1 text-xs text-amber-800 dark:text-amber-300">
                  ⚠ {w.message}
                </p>
              ))}
              <p className="mt-2 font-medium" data-testid="preview-summary">
                Of the last {preview.evaluated} cases, this rule would have caught{' '}
                {preview.matchedByDraft}; {preview.changed.length} would have been routed
                differently.
              </p>
              {preview.changed.length ? (
                <table className="mt-2 w-full text-xs">
                  <thead className="text-left text-zinc-500">
                    <tr>
                      <th className="py-1 font-medium">Case</th>
                      <th className="py-1 font-medium">Was</th>
                      <th className="py-1 font-medium">Would be</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {preview.changed.slice(0, 50).map((c) => (
                      <tr key={c.reference}>
                        <td className="py-1 pr-2 align-top">
                          <span className="tabular">{c.reference}</span>
                          <span className="block text-zinc-500">{c.claimant}</span>
                        </td>
                        <td className="py-1 pr-2 align-top">{c.before}</td>
                        <td className="py-1 align-top">{c.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : (
        <aside className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          Choose <span className="font-medium">Edit</span> on a rule or{' '}
          <span className="font-medium">New rule</span>. Preview a change against recent cases
          before saving it; every save is a new version, and cases already routed keep theirs.
        </aside>
      )}
    </div>
  );
}
