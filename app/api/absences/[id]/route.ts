import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { absenceActionBody } from '@/lib/schemas/absences';
import { cancelAbsence } from '@/lib/use-cases/cancel-absence';
import { endAbsenceEarly } from '@/lib/use-cases/end-absence-early';

/** Cancels a planned absence. */
export const DELETE = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json({ absence: await cancelAbsence(db, actor, params.id, now) }),
);

/** `{ "action": "end_now" }`: ends a running absence now. */
export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  await parseJson(req, absenceActionBody);
  return json({ absence: await endAbsenceEarly(db, actor, params.id, now) });
});
