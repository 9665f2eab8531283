import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes } from '../../db/schema';
import { CASE_STATUSES as STATUSES } from '../../db/schema/enum-values';
import { DomainError } from '../errors';

function decodeCursor(cursor: string): { t: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t: string;
      id: string;
    };
    if (typeof v.t !== 'string' || typeof v.id !== 'string' || Number.isNaN(Date.parse(v.t)))
      throw new Error();
    return v;
  } catch {
    throw new DomainError('validation', 'The cursor is not one this API returned.', {
      cursor: 'is invalid',
    });
  }
}

/** Cases for API clients, newest first; keyset pagination on (created_at, id) stays fast at any depth. */
export async function listCases(
  db: DbOrTx,
  f: { status?: string; type?: string; q?: string; cursor?: string; limit?: number },
) {
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
  const limit = Math.min(Math.max(Number.isInteger(f.limit) ? f.limit! : 50, 1), 200);
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
