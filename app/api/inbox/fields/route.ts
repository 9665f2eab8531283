import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { optionalText } from '@/lib/schemas/text';
import { listCaseFieldFilters } from '@/lib/use-cases/list-case-field-filters';

export const dynamic = 'force-dynamic';

const query = z.object({ type: optionalText(100) });

/**
 * GET /api/inbox/fields?type= — the case-field filters the inbox offers (path, label, type,
 * kind, ops, bounds), from the case type's field list (every active type's without `type`).
 */
export const GET = userRoute(async ({ req, db }) => {
  const { type } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json({ fields: await listCaseFieldFilters(db, type || undefined) });
});
