import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { listRules } from '@/lib/use-cases/admin-rules';
import { pageActor } from '../../../_components/session';
import { RulesConsole, type RulesData } from './rules-console';

export const metadata: Metadata = { title: 'Routing rules' };
export const dynamic = 'force-dynamic';

export default async function RulesPage() {
  const actor = await pageActor('/admin/rules');
  const db = await getDb();
  const data = await listRules(db, actor).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'forbidden') notFound();
    throw e;
  });
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Routing and threshold rules</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Which group gets a case, with which priority and SLA, and when a claim goes straight
          through
        </p>
      </header>
      <RulesConsole data={JSON.parse(JSON.stringify(data)) as RulesData} />
    </div>
  );
}
