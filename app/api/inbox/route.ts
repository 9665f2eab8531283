import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { inboxFilterSchema } from '@/lib/schemas/inbox';
import { inboxCounts } from '@/lib/use-cases/inbox-counts';
import { listInbox } from '@/lib/use-cases/list-inbox';

export const dynamic = 'force-dynamic';

/** GET /api/inbox?queue=&status=&priority=&due=&type=&q=&sort=&cursor=&limit= — one page plus the queue counts. */
export const GET = userRoute(async ({ req, db, actor, now }) => {
  const filters = inboxFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const [list, counts] = await Promise.all([
    listInbox(db, actor, filters, now),
    inboxCounts(db, actor, now),
  ]);
  return json({ ...list, counts, now: now.toISOString() });
});
