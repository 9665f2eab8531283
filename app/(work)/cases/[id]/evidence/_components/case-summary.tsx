import { CaseFacts } from '@/app/_components/case-facts';
import type { EvidenceBundle } from '@/lib/evidence/bundle-format';
import { Facts, Section } from './section';
import { stamp } from './words';

/** The case as it stands at export: what it is, where it ended, and its data by field. */
export function CaseSummary({ bundle: b, timeZone }: { bundle: EvidenceBundle; timeZone: string }) {
  const c = b.case;
  return (
    <Section id="case-heading" title="Case">
      <Facts
        items={[
          [
            'Reference',
            <span key="r" className="tabular">
              {c.reference}
            </span>,
          ],
          ['Title', c.title || '—'],
          ['Case type', `${c.caseType.name} (definition v${c.caseType.version})`],
          ['Status', `${c.status}${c.resolution ? ` · ${c.resolution}` : ''}`],
          ['Priority', c.priority],
          ['Opened', `${stamp(c.openedAt, timeZone)} by ${c.openedBy}`],
          ['Closed', stamp(c.closedAt, timeZone)],
        ]}
      />
      <h3 className="mt-4 mb-2 text-sm font-semibold">Claim data</h3>
      <CaseFacts data={c.data} fields={c.fields as Parameters<typeof CaseFacts>[0]['fields']} />
    </Section>
  );
}
