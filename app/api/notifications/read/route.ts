import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { markNotificationsRead } from '@/lib/use-cases/mark-notifications-read';

const body = z
  .object({
    ids: z.union([z.literal('all'), z.array(z.string().uuid('must be notification ids')).max(200)]),
  })
  .strict();

export const POST = userRoute(async ({ req, db, actor, now }) => {
  const { ids } = await parseJson(req, body);
  return json(await markNotificationsRead(db, actor, ids, now));
});
