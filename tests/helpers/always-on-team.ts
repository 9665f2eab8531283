import * as s from '../../db/schema';
import type { TestDb } from './test-db';
import { sessionCookie } from './http';

const MIN = 60_000;

/**
 * A team that works around the clock on real time (the routes take their clock from the
 * request): `T0` is now to the minute, `at(m)` m minutes from it.
 */
export function teamClock() {
  const T0 = new Date(Math.floor(Date.now() / MIN) * MIN);
  return { T0, at: (minutes: number) => new Date(T0.getTime() + minutes * MIN) };
}

/** An always-open calendar (UTC, every day 00:00–24:00) and a 4-hour SLA policy on it. */
export async function alwaysOnFourHourPolicy(db: TestDb['db'], suffix: string) {
  const [cal] = await db
    .insert(s.businessCalendars)
    .values({
      key: `always-on${suffix}`,
      name: 'Always on',
      timeZone: 'UTC',
      workingHours: Object.fromEntries(
        ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
      ),
    })
    .returning();
  const [p] = await db
    .insert(s.slaPolicies)
    .values({
      key: `always-4h${suffix}`,
      name: 'Four hours',
      calendarId: cal!.id,
      due: { amount: 4, unit: 'hours' },
    })
    .returning();
  return p!;
}

/** People made for a test, by e-mail, with their session cookies. */
export function testPeople(db: () => TestDb['db']) {
  const people = new Map<string, typeof s.users.$inferSelect>();
  async function person(email: string, name: string, role: 'adjuster' | 'supervisor' | 'admin') {
    const [u] = await db().insert(s.users).values({ email, name, role }).returning();
    people.set(email, u!);
    return u!;
  }
  const cookie = (email: string) => sessionCookie(people.get(email)!);
  return { people, person, cookie };
}
