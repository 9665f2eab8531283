import type { Metadata } from 'next';
import { getPageContext } from '@/lib/use-cases/page-context';
import { DomainError } from '@/lib/errors';
import { inboxFilterSchema } from '@/lib/schemas/inbox';
import { loadInbox } from '@/lib/use-cases/inbox-load';
import { listCaseTypes } from '@/lib/use-cases/list-case-types';
import { serialize } from '@/lib/serialize';
import { Inbox } from './_components/inbox';

export const metadata: Metadata = { title: 'Inbox' };
export const dynamic = 'force-dynamic';

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { actor, db, now } = await getPageContext('/inbox');
  const sp = await searchParams;
  const parsed = inboxFilterSchema.safeParse(
    Object.fromEntries(Object.entries(sp).filter(([, v]) => v)),
  );
  const filters = parsed.success ? parsed.data : inboxFilterSchema.parse({});
  // The same load as GET /api/inbox (its count cache included); a queue the person may not
  // open (or no longer exists) shows their default queue instead.
  const [inbox, types] = await Promise.all([
    loadInbox(db, actor, filters, now).catch((e: unknown) => {
      if (e instanceof DomainError) return loadInbox(db, actor, inboxFilterSchema.parse({}), now);
      throw e;
    }),
    listCaseTypes(db),
  ]);
  return (
    <Inbox
      initial={serialize({ ...inbox, now })}
      initialParams={Object.fromEntries(
        Object.entries(sp).filter((e): e is [string, string] => typeof e[1] === 'string'),
      )}
      viewerId={actor.id}
      caseTypes={types}
    />
  );
}
