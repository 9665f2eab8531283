import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { slaFigures } from '@/lib/use-cases/sla-figures';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ req, db, actor, now }) =>
  json(await slaFigures(db, actor, req.nextUrl.searchParams.get('days') === '30' ? 30 : 7, now)),
);
