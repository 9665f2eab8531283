import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { businessCalendars, calendarHolidays, groups, slaPolicies, tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { loadSlaPolicy } from '../data/definitions';
import { escalationTime } from '../domain/sla';
import { isUuid } from '../data/tasks';
import { makeCalendar, type WorkingHours } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';
import type { EscalationLevelSpec } from '../domain/sla';
import { DomainError, type FieldErrors } from '../errors';
import { guard } from './guard';
import { canonicalJson, parseOrThrow, validationError } from '../validation';

export const DURATION_UNITS = ['business_hours', 'business_days', 'hours', 'minutes'] as const;
/** Reminders are subtracted from the due time, and business days cannot be subtracted (lib/domain/business-calendar.ts). */
export const REMINDER_UNITS = ['business_hours', 'hours', 'minutes'] as const;
export const ESCALATION_ACTIONS = [
  'notify_supervisor',
  'reassign_to_supervisor',
  'reassign_to_group',
] as const;
const MAX_LEVELS = 10;

const wholeNumber = (min: 0 | 1) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, min === 1 ? 'must be a positive whole number' : 'must be 0 or more')
    .max(10_000, 'must be at most 10000');
const duration = <U extends readonly [string, ...string[]]>(units: U, minAmount: 0 | 1) =>
  z
    .object({
      amount: wholeNumber(minAmount),
      unit: z.enum(units, { error: `must be one of ${units.join(', ')}` }),
    })
    .strict();

const reminderSchema = z
  .object({
    before: duration(REMINDER_UNITS, 1).optional(),
    atPercent: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 99')
      .max(99, 'must be between 1 and 99')
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.before === undefined) === (r.atPercent === undefined))
      ctx.addIssue({ code: 'custom', message: 'must set either before or atPercent' });
  })
  .transform((r) => (r.before ? { before: r.before } : { atPercent: r.atPercent! }));

const escalationSchema = z
  .object({
    level: z.number({ error: 'must be a number' }).int('must be a whole number'),
    // 0 is allowed: level 1 usually falls at the due time itself.
    after: duration(DURATION_UNITS, 0),
    action: z.enum(ESCALATION_ACTIONS, {
      error: `must be one of ${ESCALATION_ACTIONS.join(', ')}`,
    }),
    groupKey: z.string({ error: 'must be a group key' }).trim().max(100).nullable().optional(),
  })
  .strict();

export const slaPolicyInput = z
  .object({
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(120, 'must be at most 120 characters')
      .optional(),
    due: duration(DURATION_UNITS, 1),
    reminder: reminderSchema.nullable(),
    escalations: z
      .array(escalationSchema, { error: 'must be a list of levels' })
      .max(MAX_LEVELS, `may have at most ${MAX_LEVELS} levels`)
      .superRefine(
        (levels, ctx) => {
          levels.forEach((raw, i) => {
            // Runs even when a level has other errors (see `when`), so elements may be malformed.
            const l = (raw && typeof raw === 'object' ? raw : {}) as Partial<
              Record<'level' | 'action' | 'groupKey', unknown>
            >;
            // The scheduler climbs one level at a time (level + 1), so a gap would end the ladder there.
            if (l.level !== i + 1)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'level'],
                message: `must be ${i + 1}: levels rise by one from 1`,
              });
            if (l.action === 'reassign_to_group' && !l.groupKey)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'groupKey'],
                message: 'is required for reassign_to_group',
              });
          });
        },
        // Report ladder problems together with the other field errors, not one round later.
        { when: (payload) => Array.isArray(payload.value) },
      ),
    /** The version the editor loaded; a different current version is a conflict. */
    version: z.number({ error: 'must be a number' }).int().positive().optional(),
  })
  .strict();

const CLOCK = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const clock = z
  .string({ error: 'must be a time HH:MM' })
  .regex(CLOCK, 'must be a time HH:MM between 00:00 and 24:00');
const minutesOf = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3));
const interval = z
  .object({ start: clock, end: clock })
  .strict()
  .refine(
    (i) => !CLOCK.test(i.start) || !CLOCK.test(i.end) || minutesOf(i.end) > minutesOf(i.start),
    { path: ['end'], message: 'must be after the start' },
  );
const day = z
  .array(interval, { error: 'must be a list of intervals' })
  .max(4, 'may have at most 4 intervals')
  .superRefine((list, ctx) => {
    const order = list
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let k = 1; k < order.length; k++) {
      if (minutesOf(order[k]!.start) < minutesOf(order[k - 1]!.end))
        ctx.addIssue({
          code: 'custom',
          path: [order[k]!.i, 'start'],
          message: 'overlaps another interval of the day',
        });
    }
  })
  .optional();

export const calendarInput = z
  .object({
    timeZone: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters'),
    workingHours: z
      .object(
        { '1': day, '2': day, '3': day, '4': day, '5': day, '6': day, '7': day },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? 'has weekdays 1 (Monday) to 7 (Sunday) only'
              : 'must map weekdays 1–7 to intervals',
        },
      )
      .strict()
      // Without any working time every deadline computation fails.
      .refine(
        (w) => Object.values(w).some((d) => d && d.length > 0),
        'must have working time on at least one day',
      ),
  })
  .strict();

const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};
export const holidayInput = z
  .object({
    day: z
      .string({ error: 'is required' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .refine(isRealDate, 'is not a real date'),
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters'),
  })
  .strict();

/** Parses in the use-case too, so every caller (route, action, test) gets the same field errors. */
/** JSONB does not keep key order, so compare a canonical form (keys sorted). */
const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const invalid = (fields: FieldErrors) => validationError(fields);

const policyNotFound = () => new DomainError('not_found', 'SLA policy was not found.');
const calendarNotFound = () => new DomainError('not_found', 'Business calendar was not found.');

type PolicyRow = typeof slaPolicies.$inferSelect;
const policySnapshot = (
  p: Pick<PolicyRow, 'name' | 'due' | 'reminder' | 'escalations' | 'version'>,
) => ({
  name: p.name,
  due: p.due,
  reminder: p.reminder ?? null,
  escalations: p.escalations,
  version: p.version,
});

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
    db
      .select({ id: groups.id, key: groups.key, name: groups.name })
      .from(groups)
      .orderBy(asc(groups.name)),
  ]);
  return {
    policies: policies.map(({ policy: p, calendarKey, calendarName }) => ({
      id: p.id,
      key: p.key,
      ...policySnapshot(p),
      calendar: { id: p.calendarId, key: calendarKey, name: calendarName },
      fallbackGroup: allGroups.find((g) => g.id === p.fallbackGroupId) ?? null,
      updatedAt: p.updatedAt,
    })),
    groups: allGroups,
  };
}

/**
 * Replaces a policy's due time, reminder and escalation ladder; the version goes up by one.
 * Tasks opened later use the new policy; open tasks keep their due and reminder times, and
 * their next escalation levels follow the new ladder.
 */
export async function updateSlaPolicy(
  db: DbOrTx,
  actor: UserActor,
  policyId: string,
  input: z.input<typeof slaPolicyInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'sla_policy', id: policyId });
  const data = parseOrThrow(slaPolicyInput, input);
  if (!isUuid(policyId)) throw policyNotFound();
  const escalations: EscalationLevelSpec[] = data.escalations.map((l) => ({
    level: l.level,
    after: l.after,
    action: l.action,
    ...(l.action === 'reassign_to_group' ? { groupKey: l.groupKey! } : {}),
  }));
  const keys = [...new Set(escalations.flatMap((l) => (l.groupKey ? [l.groupKey] : [])))];
  const known = keys.length
    ? await db.select({ key: groups.key }).from(groups).where(inArray(groups.key, keys))
    : [];
  const unknown: FieldErrors = {};
  escalations.forEach((l, i) => {
    if (l.groupKey && !known.some((g) => g.key === l.groupKey))
      unknown[`escalations.${i}.groupKey`] =
        `is not a group (no group has the key "${l.groupKey}")`;
  });
  if (Object.keys(unknown).length) throw invalid(unknown);

  return db.transaction(async (tx) => {
    const [p] = await tx
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.id, policyId))
      .for('update');
    if (!p) throw policyNotFound();
    if (data.version !== undefined && data.version !== p.version) {
      throw new DomainError(
        'conflict',
        `The policy changed since you loaded it (version ${data.version}, now ${p.version}). Reload and edit again.`,
        undefined,
        { currentVersion: p.version },
      );
    }
    const before = policySnapshot(p);
    const proposed = {
      name: data.name ?? p.name,
      due: data.due,
      reminder: data.reminder,
      escalations,
    };
    if (sameJson({ ...before, version: 0 }, { ...proposed, version: 0 })) return p;
    const [row] = await tx
      .update(slaPolicies)
      .set({ ...proposed, version: p.version + 1, updatedAt: now })
      .where(and(eq(slaPolicies.id, p.id), eq(slaPolicies.version, p.version)))
      .returning();
    // Open tasks keep their due and reminder times; their next escalation follows the new ladder.
    const loaded = await loadSlaPolicy(tx, row!.key);
    const open = await tx
      .select({
        id: tasks.id,
        dueAt: tasks.dueAt,
        level: tasks.escalationLevel,
        next: tasks.nextEscalationAt,
      })
      .from(tasks)
      .where(and(eq(tasks.slaPolicyId, p.id), inArray(tasks.status, ['ready', 'claimed'])))
      .for('update');
    let rescheduled = 0;
    for (const t of open) {
      if (!t.dueAt || !loaded) continue;
      const next = escalationTime(t.dueAt, loaded.spec, t.level + 1, loaded.calendar);
      if ((next?.getTime() ?? null) === (t.next?.getTime() ?? null)) continue;
      await tx.update(tasks).set({ nextEscalationAt: next }).where(eq(tasks.id, t.id));
      rescheduled++;
    }
    await recordAudit(tx, actor, {
      action: 'sla_policy.updated',
      entityType: 'sla_policy',
      entityId: p.id,
      summary: `SLA policy "${row!.name}" saved as v${row!.version}${rescheduled ? `; next escalation rescheduled on ${rescheduled} open task${rescheduled === 1 ? '' : 's'}` : ''}`,
      before,
      after: policySnapshot(row!),
      metadata: { rescheduledTasks: rescheduled },
      occurredAt: now,
    });
    return row!;
  });
}

/** Business calendars with their holidays, earliest first. */
export async function listCalendars(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar' });
  const [cals, holidays] = await Promise.all([
    db.select().from(businessCalendars).orderBy(asc(businessCalendars.name)),
    db.select().from(calendarHolidays).orderBy(asc(calendarHolidays.day)),
  ]);
  return cals.map((c) => ({
    id: c.id,
    key: c.key,
    name: c.name,
    timeZone: c.timeZone,
    workingHours: c.workingHours,
    updatedAt: c.updatedAt,
    holidays: holidays.filter((h) => h.calendarId === c.id).map(({ calendarId: _c, ...h }) => h),
  }));
}

/** Sets the time zone and the working hours per weekday (new deadlines use them; existing ones stay). */
export async function updateCalendar(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  input: z.input<typeof calendarInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  const data = parseOrThrow(calendarInput, input);
  if (!isUuid(calendarId)) throw calendarNotFound();
  const workingHours: WorkingHours = {};
  for (const [d, ranges] of Object.entries(data.workingHours)) {
    if (ranges?.length)
      workingHours[d as keyof WorkingHours] = [...ranges].sort(
        (a, b) => minutesOf(a.start) - minutesOf(b.start),
      );
  }
  try {
    makeCalendar({ timeZone: data.timeZone, workingHours });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw invalid(
      /time zone/i.test(message)
        ? { timeZone: 'is not a known IANA time zone (e.g. America/New_York)' }
        : { workingHours: message },
    );
  }
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(businessCalendars)
      .where(eq(businessCalendars.id, calendarId))
      .for('update');
    if (!c) throw calendarNotFound();
    const before = { timeZone: c.timeZone, workingHours: c.workingHours };
    const after = { timeZone: data.timeZone, workingHours };
    if (sameJson(before, after)) return c;
    const [row] = await tx
      .update(businessCalendars)
      .set({ ...after, updatedAt: now })
      .where(eq(businessCalendars.id, c.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'calendar.updated',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Business calendar "${c.name}" updated${c.timeZone !== data.timeZone ? ` (time zone ${c.timeZone} → ${data.timeZone})` : ''}`,
      before,
      after,
      occurredAt: now,
    });
    return row!;
  });
}

export async function addHoliday(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  input: z.input<typeof holidayInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  const data = parseOrThrow(holidayInput, input);
  if (!isUuid(calendarId)) throw calendarNotFound();
  return db.transaction(async (tx) => {
    // Locking the calendar serialises additions, so the duplicate check below cannot race.
    const [c] = await tx
      .select()
      .from(businessCalendars)
      .where(eq(businessCalendars.id, calendarId))
      .for('update');
    if (!c) throw calendarNotFound();
    const [same] = await tx
      .select()
      .from(calendarHolidays)
      .where(and(eq(calendarHolidays.calendarId, c.id), eq(calendarHolidays.day, data.day)));
    if (same)
      throw new DomainError('conflict', `${data.day} is already a holiday (${same.name}).`, {
        day: `is already a holiday (${same.name})`,
      });
    const [row] = await tx
      .insert(calendarHolidays)
      .values({ calendarId: c.id, day: data.day, name: data.name })
      .returning();
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_added',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday ${row!.day} "${row!.name}" added to "${c.name}"`,
      after: { day: row!.day, name: row!.name },
      metadata: { holidayId: row!.id },
      occurredAt: now,
    });
    return row!;
  });
}

export async function removeHoliday(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  holidayId: string,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  if (!isUuid(calendarId) || !isUuid(holidayId))
    throw new DomainError('not_found', 'Holiday was not found.');
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(businessCalendars)
      .where(eq(businessCalendars.id, calendarId))
      .for('update');
    if (!c) throw calendarNotFound();
    const [row] = await tx
      .delete(calendarHolidays)
      .where(and(eq(calendarHolidays.id, holidayId), eq(calendarHolidays.calendarId, c.id)))
      .returning();
    if (!row) throw new DomainError('not_found', 'Holiday was not found.');
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_removed',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday ${row.day} "${row.name}" removed from "${c.name}"`,
      before: { day: row.day, name: row.name },
      metadata: { holidayId: row.id },
      occurredAt: now,
    });
    return row;
  });
}
