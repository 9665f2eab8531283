import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { saveVarianceShareInput } from '@/lib/schemas/thresholds';
import { saveVarianceShare } from '@/lib/use-cases/save-variance-share';

/** PUT /api/admin/thresholds/variance-share — `{ value: 0..1, expectedVersion? }`; 0.1 is 10%. */
export const PUT = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, saveVarianceShareInput);
  return json(await saveVarianceShare(db, actor, body, now));
});
