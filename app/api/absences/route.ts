import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { scheduleAbsenceBody } from '@/lib/schemas/absences';
import { listAbsences } from '@/lib/use-cases/list-absences';
import { scheduleAbsence } from '@/lib/use-cases/schedule-absence';

/** GET ?userId=…: the person's absences (one's own without it). */
export const GET = userRoute(async ({ req, db, actor }) =>
  json(await listAbsences(db, actor, req.nextUrl.searchParams.get('userId') ?? undefined)),
);

export const POST = userRoute(async ({ req, db, actor, now }) =>
  json(
    { absence: await scheduleAbsence(db, actor, await parseJson(req, scheduleAbsenceBody), now) },
    201,
  ),
);
