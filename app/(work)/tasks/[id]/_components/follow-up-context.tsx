import type { InformationRequest } from '@/lib/engine/information-request';
import { DateTime } from '../../../../_components/ui';
import { AnswerFields } from './information-fields';

type Answer = { receivedAt: string | null; fields: Record<string, unknown> };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The request the follow-up answers; older follow-up tasks did not store it. */
function requestOf(context: Record<string, unknown>): Partial<InformationRequest> | null {
  const r = context.request;
  return isRecord(r)
    ? {
        askedBy: text(r.askedBy),
        question: text(r.question),
        askedAt: text(r.askedAt),
        waitUntil: text(r.waitUntil),
      }
    : null;
}

/** Each delivery of information (a list once late information joins), oldest first. */
function answersOf(context: Record<string, unknown>): Answer[] {
  const raw = context.information;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => {
    if (!isRecord(item)) return { receivedAt: null, fields: { information: item } };
    const { receivedAt, ...fields } = item;
    return { receivedAt: text(receivedAt), fields };
  });
}

function Answers({ answers, from }: { answers: Answer[]; from: string | null }) {
  return (
    <div className="space-y-2">
      {answers.map((a, i) => (
        <div key={i}>
          <p className="text-zinc-600 dark:text-zinc-400">
            Received{a.receivedAt ? ' ' : ''}
            {a.receivedAt ? <DateTime value={a.receivedAt} /> : null}
            {from && answers.length === 1 ? ` from ${from}` : ''}
          </p>
          <AnswerFields answer={a.fields} />
        </div>
      ))}
    </div>
  );
}

/**
 * Why a follow-up task exists, in words: who asked what and when, and the answer (label and
 * value per field) or that none came by the deadline.
 */
export function FollowUpContext({ context }: { context: Record<string, unknown> }) {
  const request = requestOf(context);
  const answers = answersOf(context);
  const timedOut = context.timedOut === true;
  const deadline = request?.waitUntil ?? null;
  return (
    <dl className="mt-1 grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1.5" data-testid="follow-up">
      {request ? (
        <>
          <dt className="text-zinc-600 dark:text-zinc-400">Asked by</dt>
          <dd>
            {request.askedBy ?? 'Someone no longer known'}
            {request.askedAt ? (
              <>
                {' · '}
                <DateTime value={request.askedAt} />
              </>
            ) : null}
          </dd>
        </>
      ) : null}
      <dt className="text-zinc-600 dark:text-zinc-400">Question</dt>
      <dd className="break-words whitespace-pre-wrap">
        {request?.question ? (
          `“${request.question}”`
        ) : (
          <span className="text-zinc-600 dark:text-zinc-400">
            Not kept on this task; the timeline’s “Waiting for” entry has it.
          </span>
        )}
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Answer</dt>
      <dd className="min-w-0 space-y-2">
        {timedOut ? (
          <p>
            No answer by {deadline ? <DateTime value={deadline} style="medium" /> : 'the deadline'}
            {answers.length ? '; it arrived later:' : '.'}
          </p>
        ) : null}
        {answers.length ? (
          <Answers answers={answers} from={text(context.receivedFrom)} />
        ) : timedOut ? null : (
          <p>None recorded.</p>
        )}
      </dd>
    </dl>
  );
}
