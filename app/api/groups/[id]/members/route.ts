import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listGroupMembers } from '@/lib/use-cases/list-group-members';

export const dynamic = 'force-dynamic';

export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await listGroupMembers(db, actor, params.id)),
);
