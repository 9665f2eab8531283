import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { getEscalationDigest } from '@/lib/use-cases/digest-access';

export const dynamic = 'force-dynamic';

/** GET — a digest as sent, with each escalation's state now (recipient, group supervisors, admins). */
export const GET = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json(await getEscalationDigest(db, actor, params.id, now)),
);
