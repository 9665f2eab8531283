/**
 * The inbox search: by surname, first name, word prefixes, policy number and the number part of
 * a reference, ignoring case and accents; never across groups; hostile `q` is a 400 naming it,
 * never a 500. Run on PGlite and on PostgreSQL (DATABASE_URL).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as inboxRoute from '../../app/api/inbox/route';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const actors = new Map<string, UserActor>();
const cookies = new Map<string, string>();
const groupId = new Map<string, string>();
let seq = 0;

type Opened = { id: string; reference: string; taskId: string };

/** Opens an auto claim through the intake API, as another system would. */
async function openClaim(claimant: string, policyNumber: string, fraudScore = 0.1) {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: 'demo-intake-token',
      headers: { 'idempotency-key': `inbox-search-${++seq}` },
      body: {
        caseType: 'auto-claim',
        data: {
          policyNumber,
          claimant: { name: claimant, email: 'claimant@example.com' },
          incidentDate: new Date().toISOString().slice(0, 10),
          damageEstimate: 12000,
          deductible: 500,
          coverageLimit: 100000,
          fraudScore,
        },
      },
    }),
    {},
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const c = res.body.case as { id: string; reference: string; tasks: { id: string }[] };
  return { id: c.id, reference: c.reference, taskId: c.tasks[0]!.id } satisfies Opened;
}

let mila: Opened;
let zoe: Opened;
let fraud: Opened;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
    cookies.set(u.email, await sessionCookie(u));
  }
  for (const g of await t.db.select().from(s.groups)) groupId.set(g.key, g.id);
  mila = await openClaim('Mila Ivanova-Petrova', 'POL-734519');
  zoe = await openClaim('Zoë Müller', 'POL-281190');
  // Routed to Special investigations (fraud score 0.8 or more): not the adjusters' work.
  fraud = await openClaim('Quentin Xylander', 'POL-990011', 0.95);
});
afterAll(async () => {
  await t?.close();
});

const search = (email: string, q: string, queue = 'all') =>
  listInbox(
    t.db,
    actors.get(email)!,
    inboxFilterSchema.parse({ queue, q, limit: 100 }),
    new Date(),
  );
const caseIds = async (email: string, q: string, queue = 'all') =>
  (await search(email, q, queue)).tasks.map((x) => x.caseId);

describe('inbox search', () => {
  it('the claims land where the tests expect them', async () => {
    const adjusters = groupId.get('claims-adjusters')!;
    const rows = await search('supervisor@example.com', 'ivanova-petrova');
    expect(rows.tasks.map((x) => x.groupId)).toEqual([adjusters]);
    const siu = await search('siu@example.com', 'xylander');
    expect(siu.tasks.map((x) => x.groupId)).toEqual([groupId.get('special-investigations')]);
  });

  it('finds a claimant by surname, by first name and by the starts of their words', async () => {
    for (const q of [
      'Ivanova',
      'ivanova',
      'IVANOVA',
      'Petrova',
      'Mila',
      'Mila Iva',
      'iva mil',
      'Ivanova-Pet',
      'Ivanova,',
    ])
      expect(await caseIds('adjuster@example.com', q), q).toContain(mila.id);
    // A word must start where the claimant's word starts: "nova" is not a surname.
    expect(await caseIds('adjuster@example.com', 'nova')).not.toContain(mila.id);
    expect(await caseIds('adjuster@example.com', 'Mila Smith')).not.toContain(mila.id);
  });

  it('ignores accents on either side', async () => {
    for (const q of ['Müller', 'muller', 'MULLER', 'zoe', 'Zoë Mü', 'ZOË'])
      expect(await caseIds('adjuster@example.com', q), q).toContain(zoe.id);
  });

  it('finds a policy number whole, by its start and by its number', async () => {
    for (const q of ['POL-734519', 'pol-734519', 'POL-7345', '734519', '7345'])
      expect(await caseIds('adjuster@example.com', q), q).toEqual([mila.id]);
    expect(await caseIds('adjuster@example.com', 'POL-7346')).toEqual([]);
  });

  it('finds a reference whole, without its prefix and by its number part', async () => {
    const [prefix, year, number] = mila.reference.split('-') as [string, string, string];
    const bare = String(Number(number));
    for (const q of [
      mila.reference,
      mila.reference.toLowerCase(),
      `${year}-${number}`,
      number,
      bare,
      `${prefix}-${year}-${number.slice(0, -1)}`,
    ])
      expect(await caseIds('adjuster@example.com', q), q).toContain(mila.id);
    expect(await caseIds('adjuster@example.com', number)).toEqual([mila.id]);
  });

  it('searches the seed’s claimants by surname in every queue, the count agreeing', async () => {
    const all = await search('supervisor@example.com', '');
    const sample = all.tasks.find((x) => x.claimant.includes(' '))!;
    const surname = sample.claimant.split(' ').at(-1)!;
    const found = await search('supervisor@example.com', surname.toLowerCase());
    expect(found.tasks.map((x) => x.id)).toContain(sample.id);
    expect(found.total).toBe(found.tasks.length);
    for (const x of found.tasks)
      expect(x.claimant.toLowerCase().split(/[^a-z]+/)).toContain(surname.toLowerCase());
    // The queue still applies: My tasks holds only the searcher's own tasks.
    const me = actors.get('adjuster@example.com')!;
    const mine = await search('adjuster@example.com', surname, 'mine');
    expect(mine.tasks.every((x) => x.assigneeId === me.id)).toBe(true);
  });

  it('never shows another group’s task, whatever the search', async () => {
    expect(await caseIds('adjuster@example.com', 'Xylander')).toEqual([]);
    expect(await caseIds('adjuster@example.com', 'POL-990011')).toEqual([]);
    expect(await caseIds('adjuster@example.com', fraud.reference)).toEqual([]);
    expect(await caseIds('supervisor@example.com', 'Xylander')).toEqual([]);
    expect(await caseIds('admin@example.com', 'Xylander')).toEqual([fraud.id]);
    const adjuster = actors.get('adjuster@example.com')!;
    const own = new Set(adjuster.groupIds);
    for (const q of ['a', 'e', 'clm', 'pol', '1', '2026']) {
      const r = await search('adjuster@example.com', q);
      for (const x of r.tasks)
        expect(own.has(x.groupId ?? '') || x.assigneeId === adjuster.id, q).toBe(true);
    }
  });

  it('treats LIKE wildcards as text and punctuation alone as no match', async () => {
    expect(await caseIds('admin@example.com', '%')).toEqual([]);
    expect(await caseIds('admin@example.com', '_')).toEqual([]);
    expect(await caseIds('admin@example.com', 'Iva%nova')).toEqual([]);
    expect(await caseIds('admin@example.com', 'I_anova')).toEqual([]);
    expect(await caseIds('admin@example.com', '\\')).toEqual([]);
  });
});

describe('GET /api/inbox?q=', () => {
  // URLSearchParams sends what a browser would: an unpaired surrogate becomes U+FFFD on the wire.
  const get = (params: Record<string, string>) =>
    call(
      inboxRoute.GET,
      request('GET', `/api/inbox?${new URLSearchParams(params).toString()}`, {
        cookie: cookies.get('adjuster@example.com')!,
      }),
      {},
    );
  const errorFields = (body: { error?: { fields?: Record<string, string> } }) =>
    Object.keys(body.error?.fields ?? {});

  it('answers a search over every visible queue', async () => {
    const res = await get({ queue: 'all', q: 'mila ivanova' });
    expect(res.status).toBe(200);
    expect(res.body.tasks.map((x: { caseId: string }) => x.caseId)).toEqual([mila.id]);
  });

  it('refuses NUL, too long and too many words with a 400 naming q', async () => {
    for (const q of ['\u0000', 'ada\u0000', 'a'.repeat(101), 'a b c d e f g h i'])
      expect(errorFields((await get({ q })).body), JSON.stringify(q)).toEqual(['q']);
    // Unpaired surrogates cannot cross a URL (they arrive as U+FFFD); the schema refuses them too.
    for (const q of ['\ud800', 'x\udc00y']) {
      const parsed = inboxFilterSchema.safeParse({ q });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['q']);
      expect((await get({ q })).status).toBe(200);
    }
  });

  it('never answers a 500, whatever q holds', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.stringMatching(/^[%_\\'" ()\-*?.[\]^$|{}+a-zÀ-ž\u0000]{0,30}$/),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('all', 'mine', 'overdue'), async (q, queue) => {
        const res = await get({ queue, q });
        expect([200, 400], JSON.stringify({ q, body: res.body })).toContain(res.status);
        if (res.status === 400) expect(errorFields(res.body)).toEqual(['q']);
        if (/\u0000/.test(q)) expect(res.status).toBe(400);
      }),
      { numRuns: 150 },
    );
  });
});
