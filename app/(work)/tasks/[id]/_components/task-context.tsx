import { FollowUpContext } from './follow-up-context';

/** The context keys a person is shown, with their wording; anything else stays in the timeline. */
const CONTEXT_LABELS: Record<string, string> = {
  error: 'Error',
  failedStep: 'Failed step',
  attempts: 'Attempts',
  question: 'Question asked',
};

/** A context value as text: JSON for objects, lists and null. */
function shown(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : JSON.stringify(v);
}

/**
 * Why a task exists when the case data does not say: a failed step, or the request for
 * information a follow-up answers (who asked, the question, the answer or its absence).
 */
export function TaskContext({ context }: { context: Record<string, unknown> | null }) {
  const ctx = context ?? {};
  const followUp = ctx.followUp === true;
  const entries = Object.entries(ctx).filter(([k]) => k in CONTEXT_LABELS);
  if (!followUp && !entries.length) return null;
  return (
    <section
      aria-labelledby="ctx-heading"
      className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950"
    >
      <h2 id="ctx-heading" className="font-medium">
        Why this task exists
      </h2>
      {followUp ? (
        <FollowUpContext context={ctx} />
      ) : (
        <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-y-1">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-zinc-600 dark:text-zinc-400">{CONTEXT_LABELS[k]}</dt>
              <dd className="break-words">{shown(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
