import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { moveRule } from '@/lib/use-cases/move-rule';

const body = z.object({ direction: z.enum(['up', 'down']) }).strict();

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const { direction } = await parseJson(req, body);
  return json(await moveRule(db, actor, params.id, direction, now));
});
