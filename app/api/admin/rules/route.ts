import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { ruleDraftSchema } from '@/lib/schemas/rules';
import { listRules } from '@/lib/use-cases/list-rules';
import { saveRule } from '@/lib/use-cases/save-rule';

export const dynamic = 'force-dynamic';

/** GET /api/admin/rules?caseType=auto-claim — rules in evaluation order with history. */
export const GET = userRoute(async ({ req, db, actor }) =>
  json(await listRules(db, actor, req.nextUrl.searchParams.get('caseType') ?? 'auto-claim')),
);

/** POST /api/admin/rules — create a rule, or save a new version of `ruleId`. */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const draft = await parseJson(req, ruleDraftSchema);
  return json(await saveRule(db, actor, draft, now), 201);
});
