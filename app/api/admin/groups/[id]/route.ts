import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { setSupervisorInput } from '@/lib/schemas/users';
import { setGroupSupervisor } from '@/lib/use-cases/set-group-supervisor';

/** Sets the group's supervisor ({ supervisorId: null } clears it). */
export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, setSupervisorInput);
  return json({ group: await setGroupSupervisor(db, actor, params.id, body, now) });
});
