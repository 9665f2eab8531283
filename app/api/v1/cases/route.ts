import { tokenRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { idempotencyKeyHeader, openCaseBody } from '@/lib/schemas/http';
import { DomainError } from '@/lib/errors';
import { caseForCaller } from '@/lib/use-cases/case-response';
import { openCase } from '@/lib/use-cases/open-case';
import { listCases } from '@/lib/use-cases/list-cases';

export const dynamic = 'force-dynamic';

/** POST /api/v1/cases — open a case (scope cases:write; Idempotency-Key header required). */
export const POST = tokenRoute('case.create', async ({ req, db, actor, now }) => {
  const key = idempotencyKeyHeader.safeParse(req.headers.get('idempotency-key') ?? '');
  if (!key.success)
    throw new DomainError('validation', `Idempotency-Key ${key.error.issues[0]!.message}.`, {
      'Idempotency-Key': key.error.issues[0]!.message,
    });
  const body = await parseJson(req, openCaseBody);
  const result = await openCase(db, actor, body, key.data, now);
  return json(
    { case: caseForCaller(actor, result.case) },
    201,
    result.replayed ? { 'idempotent-replayed': 'true' } : undefined,
  );
});

/** GET /api/v1/cases?status=&type=&q=&cursor=&limit= — newest first, cursor pagination (scope cases:read). */
export const GET = tokenRoute('case.read', async ({ req, db }) => {
  const q = req.nextUrl.searchParams;
  return json(
    await listCases(db, {
      status: q.get('status') ?? undefined,
      type: q.get('type') ?? undefined,
      q: q.get('q') ?? undefined,
      cursor: q.get('cursor') ?? undefined,
      limit: q.get('limit') ?? undefined,
    }),
  );
});
