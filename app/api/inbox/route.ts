import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { inboxFilterSchema } from '@/lib/schemas/inbox';
import { loadInbox } from '@/lib/use-cases/inbox-load';

export const dynamic = 'force-dynamic';

/**
 * GET /api/inbox?queue=&status=&priority=&due=&type=&q=&sort=&cursor=&limit= — one page plus the
 * queue counts. Counts and totals are exact up to a cap (1,000; 100 with a search or filter);
 * past it `totalCapped`, `counts.capped` and `groups[].readyCapped` say "1,000+".
 */
export const GET = userRoute(async ({ req, db, actor, now }) => {
  const filters = inboxFilterSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ ...(await loadInbox(db, actor, filters, now)), now: now.toISOString() });
});
