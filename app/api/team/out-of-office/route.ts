import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { setOutOfOffice } from '@/lib/use-cases/set-out-of-office';

const body = z
  .object({
    userId: z.string().uuid('must be a user id'),
    outOfOffice: z.boolean(),
    delegateId: z.string().uuid('must be a user id').nullable().default(null),
  })
  .strict();

export const POST = userRoute(async ({ req, db, actor, now }) =>
  json(await setOutOfOffice(db, actor, await parseJson(req, body), now)),
);
