import type { BundleSlaVersion } from './bundle-schema';

/**
 * Which version of an SLA policy a task was created under. A policy is one row that is edited in
 * place (its version goes up); each edit's audit event (sla_policy.updated) keeps the policy as it
 * was before and after. So the version in force at a moment is the "after" of the last edit up to
 * then, else the "before" of the first edit after it, else the row as it is today.
 */

export type PolicySnapshot = {
  name: string;
  due: unknown;
  reminder: unknown;
  escalations: unknown;
  onReassign: string;
  version: number;
};
export type CurrentPolicy = PolicySnapshot & { id: string; key: string };
export type PolicyEdit = {
  eventId: number;
  policyId: string;
  occurredAt: Date;
  before: PolicySnapshot | null;
  after: PolicySnapshot | null;
};

export function slaVersionAt(
  policy: CurrentPolicy,
  edits: readonly PolicyEdit[],
  at: Date,
): BundleSlaVersion {
  const own = edits
    .filter((e) => e.policyId === policy.id)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.eventId - b.eventId);
  const lastBefore = [...own].reverse().find((e) => e.occurredAt <= at && e.after);
  const firstAfter = own.find((e) => e.occurredAt > at && e.before);
  const picked = lastBefore
    ? { snap: lastBefore.after!, eventId: lastBefore.eventId }
    : firstAfter
      ? { snap: firstAfter.before!, eventId: firstAfter.eventId }
      : null;
  const snap = picked?.snap ?? policy;
  return {
    policyId: policy.id,
    key: policy.key,
    version: snap.version,
    name: snap.name,
    due: snap.due,
    reminder: snap.reminder ?? null,
    escalations: snap.escalations,
    onReassign: snap.onReassign,
    source: picked ? 'audit' : 'current',
    auditEventId: picked?.eventId ?? null,
  };
}
