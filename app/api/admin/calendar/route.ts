import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listCalendars } from '@/lib/use-cases/list-calendars';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async ({ db, actor }) =>
  json({ calendars: await listCalendars(db, actor) }),
);
