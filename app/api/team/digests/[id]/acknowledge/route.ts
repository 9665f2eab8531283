import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { acknowledgeDigest } from '@/lib/use-cases/digest-access';

const body = z.object({}).strict();

/** POST — acknowledge every escalation the digest lists that is still open and unacknowledged. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  await parseJson(req, body);
  return json(await acknowledgeDigest(db, actor, params.id, now));
});
