import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { verifyWholeTrail } from '@/lib/use-cases/verify-audit-trail';

export const dynamic = 'force-dynamic';

/** GET /api/audit/verify — the whole audit trail's verdict, for the admin audit page (admins). */
export const GET = userRoute(async ({ db, actor, now }) =>
  json(await verifyWholeTrail(db, actor, now)),
);
