import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { reactivateUser } from '@/lib/use-cases/reactivate-user';

export const POST = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json({ user: await reactivateUser(db, actor, params.id, now) }),
);
