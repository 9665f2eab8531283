/** What changed between two snapshots of a case (the compare view of the case as of a moment). */
import type { CaseSnapshot, TaskAsOf } from './case-as-of';

/**
 * One change. `kind` says how to show the values: a person or group (by id), an instant, or a
 * plain value. `taskId`/`taskName` name the task a task change is about.
 */
export type SnapshotChange = {
  scope: 'case' | 'task' | 'comment';
  taskId: string | null;
  taskName: string | null;
  field: string;
  kind: 'user' | 'group' | 'time' | 'value';
  before: unknown;
  after: unknown;
};

const CASE_FIELDS = [
  ['status', 'value'],
  ['resolution', 'value'],
  ['priority', 'value'],
  ['waitingForEvent', 'value'],
  ['waitUntil', 'time'],
] as const;

const TASK_FIELDS: readonly [keyof TaskAsOf, SnapshotChange['kind']][] = [
  ['status', 'value'],
  ['assigneeId', 'user'],
  ['candidateGroupId', 'group'],
  ['priority', 'value'],
  ['dueAt', 'time'],
  ['sla', 'value'],
  ['escalationLevel', 'value'],
  ['outcome', 'value'],
  ['outcomeData', 'value'],
  ['completedById', 'user'],
  ['completedAt', 'time'],
  ['routing', 'value'],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Data leaves by dotted path (arrays and anything deeper than `depth` compared whole). */
function leaves(v: unknown, prefix: string, out: Map<string, unknown>, depth = 0): void {
  if (v && typeof v === 'object' && !Array.isArray(v) && depth < 6) {
    for (const [k, x] of Object.entries(v))
      leaves(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
    return;
  }
  out.set(prefix, v);
}

/** Every difference from `a` (the earlier moment) to `b`, case first, then tasks, then comments. */
export function diffSnapshots(a: CaseSnapshot, b: CaseSnapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  const caseChange = (field: string, kind: SnapshotChange['kind'], x: unknown, y: unknown) => {
    if (!same(x, y))
      changes.push({
        scope: 'case',
        taskId: null,
        taskName: null,
        field,
        kind,
        before: x,
        after: y,
      });
  };
  for (const [f, kind] of CASE_FIELDS) caseChange(f, kind, a[f], b[f]);
  caseChange('routing', 'value', a.routing, b.routing);
  const da = new Map<string, unknown>();
  const db = new Map<string, unknown>();
  leaves(a.data, '', da);
  leaves(b.data, '', db);
  for (const path of new Set([...da.keys(), ...db.keys()]))
    caseChange(`data.${path}`, 'value', da.get(path), db.get(path));

  const earlier = new Map(a.tasks.map((t) => [t.id, t]));
  for (const t of b.tasks) {
    const was = earlier.get(t.id);
    const base = { scope: 'task' as const, taskId: t.id, taskName: t.name };
    if (!was) {
      changes.push({ ...base, field: 'created', kind: 'value', before: null, after: t.status });
      continue;
    }
    for (const [f, kind] of TASK_FIELDS)
      if (!same(was[f], t[f]))
        changes.push({ ...base, field: f, kind, before: was[f], after: t[f] });
  }
  const seen = new Set(a.comments.map((c) => c.id));
  for (const c of b.comments)
    if (!seen.has(c.id))
      changes.push({
        scope: 'comment',
        taskId: c.taskId,
        taskName: b.tasks.find((t) => t.id === c.taskId)?.name ?? null,
        field: 'comment',
        kind: 'value',
        before: null,
        after: c.body,
      });
  return changes;
}
