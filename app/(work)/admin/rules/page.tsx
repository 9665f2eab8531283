import type { Metadata } from 'next';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { serialize } from '@/lib/serialize';
import { listRules } from '@/lib/use-cases/list-rules';
import { listThresholds } from '@/lib/use-cases/list-thresholds';
import { PageHeader } from '../../../_components/ui';
import { RulesConsole } from './_components/rules-console';
import { ThresholdSection } from './_components/threshold-section';

export const metadata: Metadata = { title: 'Routing rules' };
export const dynamic = 'force-dynamic';

export default async function RulesPage() {
  const { actor, db } = await getPageContext('/admin/rules');
  const [data, thresholds] = await loadOr404(() =>
    Promise.all([listRules(db, actor), listThresholds(db, actor)]),
  );
  return (
    <div>
      <PageHeader
        title="Routing and threshold rules"
        description="Which group gets a case, with which priority and SLA, and when a claim goes straight through"
      />
      <RulesConsole data={serialize(data)} />
      <ThresholdSection
        data={serialize(thresholds)}
        ruleTitles={data.rules.map((r) => ({ id: r.id, name: r.name }))}
      />
    </div>
  );
}
