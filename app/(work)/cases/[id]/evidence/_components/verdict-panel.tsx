import type { BundleVerdict, EvidenceBundle } from '@/lib/evidence/bundle-format';
import { stamp } from './words';

const tone = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  broken:
    'border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100',
};

function where(p: BundleVerdict['problems'][number]): string {
  if (p.seq !== undefined) return `event ${p.seq}`;
  if (p.checkpointId !== undefined) return `checkpoint ${p.checkpointId}`;
  return 'the bundle';
}

/**
 * The verdict first, in words: what was checked, what was found, and what was not checked here
 * (the signatures, which need the operator's key).
 */
export function VerdictPanel(props: {
  bundle: EvidenceBundle;
  verdict: BundleVerdict;
  timeZone: string;
}) {
  const { bundle: b, verdict: v } = props;
  return (
    <section
      aria-labelledby="verdict-heading"
      className={`rounded-md border px-4 py-3 text-sm ${v.intact ? tone.ok : tone.broken}`}
    >
      <h2 id="verdict-heading" className="text-base font-semibold">
        {v.intact
          ? 'Intact ✓ — every hash and link of the timeline holds, and nothing is missing'
          : `Broken ✗ — at ${v.firstBreak ? where(v.firstBreak) : 'the bundle'}: ${v.firstBreak?.problem ?? 'unknown'}`}
      </h2>
      <p className="mt-1">
        {v.intact
          ? `All ${v.events} timeline events were recomputed from their recorded content, each links to the one before it, and ${v.checkpoints === 1 ? 'the signed checkpoint names' : `all ${v.checkpoints} signed checkpoints name`} events that are here, so none is missing at the end.`
          : `${v.problems.length} problem(s) found. The first is listed above; every one is below.`}
      </p>
      {v.intact ? null : (
        <ul className="mt-2 list-disc pl-5">
          {v.problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              {where(p)}: {p.problem}
              {p.detail ? ` (${p.detail})` : ''}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2">
        Signatures: not checked on this page. The checkpoints carry their key id and signature for
        someone holding the audit key to check; the server check beside the title does so when a key
        is configured.
      </p>
      <p className="mt-2 text-xs break-all opacity-80">
        Exported {stamp(b.exportedAt, props.timeZone)} by {b.exportedBy.label} · bundle digest{' '}
        <span className="font-mono">{b.digest.value}</span> (sha256). The same check runs offline:{' '}
        <span className="font-mono">
          npx tsx scripts/verify-bundle.ts evidence-{b.case.reference}.json
        </span>
      </p>
    </section>
  );
}
