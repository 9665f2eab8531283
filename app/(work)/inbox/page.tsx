import type { Metadata } from 'next';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { inboxCounts, inboxFilterSchema, listInbox } from '@/lib/use-cases/list-inbox';
import { listCaseTypes } from '@/lib/use-cases/list-cases';
import { pageActor } from '../../_components/session';
import { InboxClient, type InboxData } from './inbox-client';

export const metadata: Metadata = { title: 'Inbox' };
export const dynamic = 'force-dynamic';

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await pageActor('/inbox');
  const db = await getDb();
  const now = new Date();
  const sp = await searchParams;
  const parsed = inboxFilterSchema.safeParse(
    Object.fromEntries(Object.entries(sp).filter(([, v]) => v)),
  );
  const filters = parsed.success ? parsed.data : inboxFilterSchema.parse({});
  const [list, counts, types] = await Promise.all([
    listInbox(db, actor, filters, now).catch((e: unknown) => {
      if (e instanceof DomainError) return listInbox(db, actor, inboxFilterSchema.parse({}), now);
      throw e;
    }),
    inboxCounts(db, actor, now),
    listCaseTypes(db),
  ]);
  const initial = JSON.parse(
    JSON.stringify({ ...list, counts, now: now.toISOString() }),
  ) as InboxData;
  return (
    <InboxClient
      initial={initial}
      initialParams={Object.fromEntries(
        Object.entries(sp).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )}
      me={{ id: actor.id, timeZone: actor.timeZone ?? 'UTC', role: actor.role }}
      caseTypes={types}
    />
  );
}
