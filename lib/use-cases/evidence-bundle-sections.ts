import type { cases } from '../../db/schema';
import type { ChainEventRow } from '../data/evidence-bundle';
import type { listCaseTasks } from '../data/tasks';
import type { CaseDefinition } from '../domain/case-definition';
import type {
  BundleCase,
  BundleEvent,
  BundleRoutingDecision,
  BundleRuleVersion,
  BundleSlaVersion,
  BundleTask,
} from '../evidence/bundle-format';
import { slaVersionAt, type CurrentPolicy, type PolicyEdit } from '../evidence/sla-policy-versions';
import { isUuid } from '../validation';

/** Rows of the database turned into the bundle's sections (export-evidence-bundle.ts). */

type CaseRow = typeof cases.$inferSelect;
type TaskRow = Awaited<ReturnType<typeof listCaseTasks>>[number];
type Person = { id: string; name: string; email: string };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function caseSection(
  c: CaseRow,
  type: { key: string; name: string; version: number; definition: CaseDefinition },
): BundleCase {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    caseType: { key: type.key, name: type.name, version: type.version },
    status: c.status,
    priority: c.priority,
    resolution: c.resolution,
    currentStepKey: c.currentStepKey,
    data: c.data,
    fields: type.definition.fields.map((f) => ({ path: f.path, label: f.label, type: f.type })),
    openedAt: c.createdAt.toISOString(),
    openedBy: c.openedByActor,
    updatedAt: c.updatedAt.toISOString(),
    closedAt: iso(c.closedAt),
  };
}

export function eventSection(r: ChainEventRow): BundleEvent {
  const { actorType, actorId, actorLabel, ...rest } = r;
  return { ...rest, actor: { type: actorType, id: actorId, label: actorLabel } };
}

export function taskSection(
  row: TaskRow,
  people: ReadonlyMap<string, Person>,
  sla: BundleSlaVersion | null,
): BundleTask {
  const t = row.task;
  const outcome = t.outcome ? t.outcomes.find((o) => o.key === t.outcome) : undefined;
  return {
    id: t.id,
    stepKey: t.stepKey,
    name: t.name,
    status: t.status,
    priority: t.priority,
    group:
      t.candidateGroupId && row.groupKey && row.groupName
        ? { id: t.candidateGroupId, key: row.groupKey, name: row.groupName }
        : null,
    assignee: t.assigneeId ? (people.get(t.assigneeId) ?? null) : null,
    completedBy: t.completedById ? (people.get(t.completedById) ?? null) : null,
    createdAt: t.createdAt.toISOString(),
    claimedAt: iso(t.claimedAt),
    dueAt: iso(t.dueAt),
    completedAt: iso(t.completedAt),
    escalationLevel: t.escalationLevel,
    outcome: t.outcome,
    outcomeLabel: outcome?.label ?? null,
    formValues: t.outcomeData,
    formFields: (outcome?.fields ?? []).map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
    })),
    context: t.context,
    routing: t.routing,
    sla: sla
      ? { policyId: sla.policyId, key: sla.key, name: sla.name, version: sla.version }
      : null,
  };
}

/** The routing steps of the case, from its case.routed events (the rule and version in metadata). */
export function routingDecisions(events: readonly BundleEvent[]): BundleRoutingDecision[] {
  return events
    .filter((e) => e.action === 'case.routed')
    .map((e) => {
      const m = (e.metadata ?? {}) as Record<string, unknown>;
      return {
        eventId: e.id,
        seq: e.seq,
        occurredAt: e.occurredAt,
        summary: e.summary,
        ruleId: typeof m.ruleId === 'string' ? m.ruleId : null,
        ruleVersion: typeof m.ruleVersion === 'number' ? m.ruleVersion : null,
        decision: m.decision ?? null,
      };
    });
}

/** Every (rule, version) that routed the case or one of its tasks, each once. */
export function ruleRefs(
  decisions: readonly BundleRoutingDecision[],
  tasks: readonly TaskRow[],
): { ruleId: string; version: number }[] {
  const refs = new Map<string, { ruleId: string; version: number }>();
  const add = (ruleId: string | null | undefined, version: number | null | undefined) => {
    // Values read back from jsonb: only well-formed ones reach a uuid column.
    if (ruleId && isUuid(ruleId) && Number.isSafeInteger(version))
      refs.set(`${ruleId}#${version}`, { ruleId, version: version! });
  };
  for (const d of decisions) add(d.ruleId, d.ruleVersion);
  for (const { task } of tasks) add(task.routing?.ruleId, task.routing?.ruleVersion);
  return [...refs.values()];
}

export function ruleVersionSection(r: {
  ruleId: string;
  version: number;
  name: string;
  description: string | null;
  condition: unknown;
  actions: unknown;
  active: boolean;
  createdAt: Date;
}): BundleRuleVersion {
  return {
    ruleId: r.ruleId,
    version: r.version,
    name: r.name,
    description: r.description,
    condition: r.condition,
    actions: r.actions,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Each task's SLA policy version (by task id) and the distinct versions used. */
export function slaSections(
  tasks: readonly TaskRow[],
  current: readonly CurrentPolicy[],
  edits: readonly PolicyEdit[],
) {
  const byTask = new Map<string, BundleSlaVersion>();
  const used = new Map<string, BundleSlaVersion>();
  for (const { task } of tasks) {
    const policy = current.find((p) => p.id === task.slaPolicyId);
    if (!policy) continue;
    const v = slaVersionAt(policy, edits, task.createdAt);
    byTask.set(task.id, v);
    used.set(`${v.policyId}#${v.version}`, v);
  }
  return { byTask, versions: [...used.values()] };
}
