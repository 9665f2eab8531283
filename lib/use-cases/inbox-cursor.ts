import { sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { isIsoInstant } from '../domain/input-limits';
import { DomainError } from '../errors';
import { isUuid } from '../validation';

/** A keyset position in an inbox list: the sort keys and id of the last row shown. */
export type Cursor = { k: (string | number)[]; id: string };
export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
/** A cursor this inbox handed out: keys and id are checked here, so SQL never sees one it would refuse. */
export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (!c || !Array.isArray(c.k) || typeof c.id !== 'string' || !isUuid(c.id)) throw new Error();
    return c;
  } catch {
    throw new DomainError('validation', 'The cursor is not one this inbox returned.', {
      cursor: 'is invalid',
    });
  }
}

/**
 * The rows after cursor `s` in the order of `keys` (then the id), for the list's `sort`. Only the
 * key forms the list writes are taken: PostgreSQL refuses much of what Date.parse accepts.
 */
export function cursorAfter(s: string, sort: string, keys: SQL[]): SQL {
  const c = decodeCursor(s);
  const isTime = (v: unknown) => v === 'infinity' || (typeof v === 'string' && isIsoInstant(v));
  const shapeOk =
    sort === 'priority'
      ? c.k.length === 2 &&
        Number.isInteger(c.k[0]) &&
        (c.k[0] as number) >= 0 &&
        (c.k[0] as number) <= 3 &&
        isTime(c.k[1])
      : c.k.length === 1 && isTime(c.k[0]);
  if (!shapeOk)
    throw new DomainError(
      'validation',
      'The cursor does not belong to this sort order; start from the first page.',
      { cursor: 'does not match the sort order' },
    );
  const vals = c.k.map((v, i) =>
    sort === 'priority' && i === 0 ? sql`${Number(v)}` : sql`${String(v)}::timestamptz`,
  );
  return sql`(${sql.join([...keys, sql`${tasks.id}`], sql`, `)}) > (${sql.join([...vals, sql`${c.id}::uuid`], sql`, `)})`;
}
