import type { DbOrTx } from '../../db/client';
import { getUserByEmail, loadUserActor } from '../data/users';
import type { TokenActor, UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';

/**
 * The person an API token acts for (`onBehalfOf`: their e-mail or user id), loaded exactly as a
 * session loads them: memberships, supervised groups, role; an inactive person is refused like
 * an unknown one (a 400 naming `onBehalfOf`, the same text for both, so the API does not tell
 * who exists). The actor carries the token as its channel (`via`): every permission, four-eyes
 * and authority check the use-cases make is the person's, and the audit names "token:X for Y".
 */
export async function actOnBehalfOf(
  db: DbOrTx,
  token: TokenActor,
  who: string,
): Promise<UserActor> {
  const id = isUuid(who) ? who : (await getUserByEmail(db, who))?.id;
  const person = id ? await loadUserActor(db, id) : null;
  if (!person)
    throw new DomainError('validation', 'onBehalfOf names no active user.', {
      onBehalfOf: 'must be the e-mail or id of an active user',
    });
  return { ...person, via: { kind: 'token', id: token.id, name: token.name } };
}
