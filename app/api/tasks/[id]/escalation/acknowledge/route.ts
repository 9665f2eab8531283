import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { acknowledgeEscalation } from '@/lib/use-cases/acknowledge-escalation';

const body = z.object({}).strict();

/** POST — the group's supervisor (or an admin) acknowledges the task's escalation; idempotent. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  await parseJson(req, body);
  const r = await acknowledgeEscalation(db, actor, { taskId: params.id }, now);
  return json({ task: escalationView(r.task), changed: r.changed });
});

function escalationView(t: {
  id: string;
  escalationLevel: number;
  escalationAcknowledgedAt: Date | null;
  escalationSnoozedUntil: Date | null;
}) {
  return {
    id: t.id,
    escalationLevel: t.escalationLevel,
    escalationAcknowledgedAt: t.escalationAcknowledgedAt?.toISOString() ?? null,
    escalationSnoozedUntil: t.escalationSnoozedUntil?.toISOString() ?? null,
  };
}
