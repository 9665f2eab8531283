import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { onBehalfOfSchema, taskIdParam } from '@/lib/schemas/api-v1';
import { parseOrThrow } from '@/lib/validation';
import { getTaskV1 } from '@/lib/use-cases/v1-tasks';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

const query = z.object({ onBehalfOf: onBehalfOfSchema.optional() }).strict();

/** GET /api/v1/tasks/:id — one task with its case (scope tasks:read; optional onBehalfOf). */
export const GET = tokenRoute<{ id: string }>('task.read', async ({ req, db, actor, params }) => {
  const id = parseOrThrow(taskIdParam, params.id, { prefix: ['id'] });
  const q = parseOrThrow(query, Object.fromEntries(req.nextUrl.searchParams));
  return json(await getTaskV1(db, actor, id, q.onBehalfOf));
});
