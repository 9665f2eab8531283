import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../db/client';
import { loadUserActor } from '../lib/data/users';
import { inboxFilterSchema, listInbox, inboxCounts } from '../lib/use-cases/list-inbox';
const h = openPostgres(process.env.U!);
const db = h.db;
(async () => {
  const ids = Object.fromEntries((await queryRows<{ email: string; id: string }>(db, sql`select email, id from users`)).map((r) => [r.email, r.id]));
  const a = (await loadUserActor(db, ids['adjuster@example.com']!))!;
  const [g] = await queryRows<{ id: string }>(db, sql`select id from groups where key = 'claims-adjusters'`);
  const origExec = (db as any).session.client;
  const logs: string[] = [];
  const h2 = openPostgres(process.env.U!);
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('../db/schema');
  const ldb: any = drizzle({ client: h2.sqlClient!, schema, logger: { logQuery: (q: string, p: unknown[]) => logs.push(JSON.stringify({ q, p })) } });
  const now = new Date();
  await listInbox(ldb, a, inboxFilterSchema.parse({ queue: `group:${g!.id}` }), now);
  for (const l of logs) {
    const { q, p } = JSON.parse(l);
    const s = performance.now();
    const rows = await h2.sqlClient!.unsafe('explain analyze ' + q, p);
    console.log(q.slice(0, 150), '\n   ', (performance.now() - s).toFixed(1), 'ms', rows.at(-1)!['QUERY PLAN']);
  }
  process.exit(0);
})();
