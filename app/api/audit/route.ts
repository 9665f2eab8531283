import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listAuditEvents } from '@/lib/use-cases/list-audit-events';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ req, db, actor }) => {
  const q = req.nextUrl.searchParams;
  const before = Number(q.get('before'));
  return json(
    await listAuditEvents(db, actor, {
      action: q.get('action') ?? undefined,
      actor: q.get('actor') ?? undefined,
      entityType: q.get('entityType') ?? undefined,
      before: Number.isInteger(before) && before > 0 ? before : undefined,
      limit: Number(q.get('limit')) || undefined,
    }),
  );
});
