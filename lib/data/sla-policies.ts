import type { slaPolicies } from '../../db/schema';

type PolicyRow = typeof slaPolicies.$inferSelect;

/** The editable part of a policy, as the editor shows it and the audit trail records it. */
export function slaPolicySnapshot(
  p: Pick<PolicyRow, 'name' | 'due' | 'reminder' | 'escalations' | 'onReassign' | 'version'>,
) {
  return {
    name: p.name,
    due: p.due,
    reminder: p.reminder ?? null,
    escalations: p.escalations,
    onReassign: p.onReassign,
    version: p.version,
  };
}
