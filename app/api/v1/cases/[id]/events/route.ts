import { tokenRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { caseEventBody } from '@/lib/schemas/http';
import { receiveCaseEvent } from '@/lib/use-cases/receive-case-event';
import { caseResponse } from '@/lib/use-cases/case-response';

/** POST /api/v1/cases/:id/events — report an event the case waits for (scope cases:write). */
export const POST = tokenRoute<{ id: string }>(
  'case.event',
  async ({ req, db, actor, params, now }) => {
    const body = await parseJson(req, caseEventBody);
    const id = await receiveCaseEvent(
      db,
      actor,
      { caseId: params.id, type: body.type, data: body.data },
      now,
    );
    const c = await caseResponse(db, id);
    // Without cases:read the caller learns only that the event was accepted.
    return json(
      actor.scopes.includes('cases:read')
        ? { case: c }
        : { case: { id: c.id, reference: c.reference, status: c.status } },
      202,
    );
  },
);
