import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { slaPolicyInput } from '@/lib/schemas/sla';
import { updateSlaPolicy } from '@/lib/use-cases/update-sla-policy';

/** Replaces the policy's due time, reminder and escalation ladder; `version` guards against overwriting someone else's save. */
export const PUT = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, slaPolicyInput);
  return json({ policy: await updateSlaPolicy(db, actor, params.id, body, now) });
});
