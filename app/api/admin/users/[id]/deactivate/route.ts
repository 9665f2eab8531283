import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { deactivateUser } from '@/lib/use-cases/deactivate-user';

export const POST = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json(await deactivateUser(db, actor, params.id, now)),
);
