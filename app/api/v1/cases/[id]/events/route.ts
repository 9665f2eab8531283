import { tokenRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { caseEventBody } from '@/lib/schemas/http';
import { receiveCaseEventResult } from '@/lib/use-cases/receive-case-event';
import { caseResponse } from '@/lib/use-cases/case-response';

/** POST /api/v1/cases/:id/events — report an event the case waits for (scope cases:write). */
export const POST = tokenRoute<{ id: string }>(
  'case.event',
  async ({ req, db, actor, params, now }) => {
    const body = await parseJson(req, caseEventBody);
    const { caseId: id, resumedTasks } = await receiveCaseEventResult(
      db,
      actor,
      { caseId: params.id, type: body.type, data: body.data },
      now,
    );
    const c = await caseResponse(db, id);
    // Without cases:read the caller learns only that the event was accepted (and how many
    // paused task clocks it restarted).
    const clocks = { resumedClocks: resumedTasks.length };
    return json(
      actor.scopes.includes('cases:read')
        ? { case: c, ...clocks, resumedTasks }
        : { case: { id: c.id, reference: c.reference, status: c.status }, ...clocks },
      202,
    );
  },
);
