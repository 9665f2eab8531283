import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { searchTasksV1 } from '@/lib/use-cases/v1-tasks';

export const dynamic = 'force-dynamic';

/** GET /api/v1/tasks — the inbox's search and keyset pages (scope tasks:read; optional onBehalfOf). */
export const GET = tokenRoute('task.read', async ({ req, db, actor, now }) =>
  json(await searchTasksV1(db, actor, Object.fromEntries(req.nextUrl.searchParams), now)),
);
