import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { businessCalendars, slaPolicies } from '../../db/schema';
import { listGroupRefs } from '../data/groups';
import { slaPolicySnapshot } from '../data/sla-policies';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/** SLA policies with their calendar, and the groups a reassign_to_group level may name. */
export async function listSlaPolicies(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'sla_policy' });
  const [policies, allGroups] = await Promise.all([
    db
      .select({
        policy: slaPolicies,
        calendarKey: businessCalendars.key,
        calendarName: businessCalendars.name,
      })
      .from(slaPolicies)
      .innerJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
      .orderBy(asc(slaPolicies.name)),
    listGroupRefs(db),
  ]);
  return {
    policies: policies.map(({ policy: p, calendarKey, calendarName }) => ({
      id: p.id,
      key: p.key,
      ...slaPolicySnapshot(p),
      calendar: { id: p.calendarId, key: calendarKey, name: calendarName },
      fallbackGroup: allGroups.find((g) => g.id === p.fallbackGroupId) ?? null,
      updatedAt: p.updatedAt,
    })),
    groups: allGroups,
  };
}
