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
