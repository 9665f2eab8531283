import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { listMentionablePeople } from '@/lib/use-cases/list-mentionable-people';

/** 200 { people: [{ id, name, email, outOfOffice }] }: whom the viewer may @mention on the task. */
export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) =>
  json(await listMentionablePeople(db, actor, params.id)),
);
