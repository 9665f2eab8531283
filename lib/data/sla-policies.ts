import type { slaPolicies } from '../../db/schema';

type PolicyRow = typeof slaPolicies.$inferSelect;

/** The editable part of a policy, as the editor shows it and the audit trail records it. */
export function slaPolicySnapshot(
  p: Pick<PolicyRow, 'name' | 'due' | 'reminder' | 'escalations' | 'version'>,
) {
  return {
    name: p.name,
    due: p.due,
    reminder: p.reminder ?? null,
    escalations: p.escalations,
    version: p.version,
  };
}
