import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes } from '../../db/schema';
import { CASE_STATUSES as STATUSES } from '../../db/schema/enum-values';
import { isIsoInstant } from '../domain/input-limits';
import { DomainError } from '../errors';
import { optionalText } from '../schemas/text';
import { isUuid, parseOrThrow } from '../validation';

/** Text filters of the list: bounded and storable (a NUL would reach the query as a 500). */
const PAGE_SIZE_RANGE = 'must be a whole number from 1 to 200';
const listCasesQuery = z.object({
  type: optionalText(100),
  q: optionalText(200),
  cursor: optionalText(500),
  /** As documented (1–200, default 50): anything else is a 400 naming limit, never clamped. */
  limit: z
    .string()
    .regex(/^\d{1,3}$/, PAGE_SIZE_RANGE)
    .transform(Number)
    .pipe(z.number().int().min(1, PAGE_SIZE_RANGE).max(200, PAGE_SIZE_RANGE))
    .optional(),
});

/** A cursor this API handed out; anything else (an id that is no UUID, a time PostgreSQL refuses) is a 400. */
function decodeCursor(cursor: string): { t: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t: unknown;
      id: unknown;
    };
    if (!v || typeof v.t !== 'string' || typeof v.id !== 'string') throw new Error();
    if (!isIsoInstant(v.t) || !isUuid(v.id)) throw new Error();
    return { t: v.t, id: v.id };
  } catch {
    throw new DomainError('validation', 'The cursor is not one this API returned.', {
      cursor: 'is invalid',
    });
  }
}

/** Cases for API clients, newest first; keyset pagination on (created_at, id) stays fast at any depth. */
export async function listCases(
  db: DbOrTx,
  f: { status?: string; type?: string; q?: string; cursor?: string; limit?: string },
) {
  const limit =
    parseOrThrow(listCasesQuery, { type: f.type, q: f.q, cursor: f.cursor, limit: f.limit })
      .limit ?? 50;
  const where: (SQL | undefined)[] = [];
  if (f.status) {
    if (!(STATUSES as readonly string[]).includes(f.status))
      throw new DomainError('validation', `status must be one of ${STATUSES.join(', ')}.`, {
        status: `must be one of ${STATUSES.join(', ')}`,
      });
    where.push(eq(cases.status, f.status as (typeof STATUSES)[number]));
  }
  if (f.type) where.push(eq(caseTypes.key, f.type));
  if (f.q) {
    const q = f.q
      .trim()
      .toLowerCase()
      .replace(/[%_\\]/g, '');
    where.push(
      or(eq(sql`lower(${cases.reference})`, q), sql`lower(${cases.title}) like ${`${q}%`}`),
    );
  }
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    where.push(
      or(
        lt(cases.createdAt, new Date(c.t)),
        and(eq(cases.createdAt, new Date(c.t)), lt(cases.id, c.id)),
      ),
    );
  }
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      caseType: caseTypes.key,
      status: cases.status,
      resolution: cases.resolution,
      priority: cases.priority,
      title: cases.title,
      amountCents: cases.amountCents,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(caseTypes, eq(caseTypes.id, cases.caseTypeId))
    .where(and(...where))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    cases: page,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ t: last.createdAt.toISOString(), id: last.id })).toString(
            'base64url',
          )
        : null,
  };
}
