import {
  describeLimit,
  formatMoneyCents,
  type ApprovalRequest,
  type AuthorityUsed,
} from '@/lib/domain/payout-authority';

/** The requested amount against the recommendation: "+32,300", and "+117%" beneath it. */
function difference(r: ApprovalRequest): { value: string; note?: string } {
  if (r.recommendedCents === null) return { value: '—' };
  const diff = r.requestedCents - r.recommendedCents;
  if (diff === 0) return { value: '0' };
  const sign = diff > 0 ? '+' : '−';
  const value = `${sign}${formatMoneyCents(Math.abs(diff))}`;
  if (r.recommendedCents <= 0) return { value };
  return { value, note: `${sign}${Math.round((Math.abs(diff) / r.recommendedCents) * 100)}%` };
}

/** "up to 50,000 (Claims adjusters)", "no authority". */
function authorityText(a: AuthorityUsed): string {
  return a.source === 'none' ? 'no authority' : `${describeLimit(a.maxCents)} (${a.label})`;
}

function whyApproval(r: ApprovalRequest): string {
  if (r.cause === 'above_authority')
    return `The amount is above their authority (${formatMoneyCents(r.requesterAuthority.maxCents ?? 0)})`;
  if (r.cause === 'raised_above_request')
    return 'They approved more than they were asked to: a raised amount needs another approver';
  return `Rule "${r.ruleName ?? 'routing'}" requires a second approval`;
}

function Figure({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
}) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="tabular text-base font-semibold" data-testid={testId}>
        {value}
        {note ? (
          <>
            {' '}
            <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
              {note}
            </span>
          </>
        ) : null}
      </dd>
    </div>
  );
}

/**
 * On an approval step: what is asked and why — the amounts side by side, the reason, who asked
 * with what authority, and which group approves with what limit.
 */
export function ApprovalRequestPanel({ request: r }: { request: ApprovalRequest }) {
  const rows: [string, string, string][] = [
    ['Reason', r.reason ?? 'None given (within the allowed difference)', 'approval-reason'],
    [
      'Requested by',
      `${r.requestedBy.name}, who may approve ${authorityText(r.requesterAuthority)}`,
      'approval-requested-by',
    ],
    ['Why approval', whyApproval(r), 'approval-why'],
    [
      'Approving group',
      `${r.group.name}, who may approve ${describeLimit(r.group.maxCents)}`,
      'approval-group',
    ],
  ];
  return (
    <section
      aria-labelledby="approval-heading"
      className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
      data-testid="approval-request"
    >
      <h2 id="approval-heading" className="text-sm font-semibold">
        Approval requested
      </h2>
      <dl className="mt-2 grid grid-cols-3 gap-3">
        <Figure
          label="Requested"
          value={formatMoneyCents(r.requestedCents)}
          testId="approval-requested"
        />
        <Figure
          label="Recommended"
          value={r.recommendedCents === null ? '—' : formatMoneyCents(r.recommendedCents)}
          testId="approval-recommended"
        />
        <Figure label="Difference" {...difference(r)} testId="approval-difference" />
      </dl>
      <dl className="mt-3 grid grid-cols-[8.5rem_1fr] gap-x-3 gap-y-1.5 border-t border-zinc-100 pt-3 dark:border-zinc-800">
        {rows.map(([label, value, testId]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="break-words" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
