import type { DbOrTx } from '../../db/client';
import { getUserByEmail, loadUserActor } from '../data/users';
import type { TokenActor, UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';

/**
 * The person an API token acts for (`onBehalfOf`: their e-mail or user id), loaded exactly as a
 * session loads them: memberships, supervised groups, role; an inactive person is refused like
 * an unknown one (a 400 naming `onBehalfOf`, the same text for both, so the API does not tell
 * who exists). An admin is refused (403 naming `onBehalfOf`): a token acts for case workers only,
 * so an admin's reach and payout authority are never an integration token's. The actor carries
 * the token as its channel (`via`): every permission, four-eyes and authority check the
 * use-cases make is the person's; the audit names "token:X for Y" and stores the token's id and
 * name in each event's metadata (`via: { tokenId, tokenName }`, lib/data/audit.ts).
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
  if (person.role === 'admin')
    throw new DomainError('forbidden', 'API tokens act for case workers, not admins.', {
      onBehalfOf: 'API tokens act for case workers, not admins',
    });
  return { ...person, via: { kind: 'token', id: token.id, name: token.name } };
}
