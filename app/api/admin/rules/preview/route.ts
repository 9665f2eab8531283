import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { ruleDraftSchema } from '@/lib/schemas/rules';
import { previewRule } from '@/lib/use-cases/preview-rule';

const body = z
  .object({ draft: ruleDraftSchema, limit: z.number().int().min(1).max(1000).default(200) })
  .strict();

/** POST /api/admin/rules/preview — which of the last N cases the draft would route differently. */
export const POST = userRoute(async ({ req, db, actor }) => {
  const { draft, limit } = await parseJson(req, body);
  return json(await previewRule(db, actor, draft, limit));
});
