import { z } from 'zod';
import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { SNOOZE_MAX_MS } from '@/lib/domain/escalation-digest';
import { snoozeEscalation } from '@/lib/use-cases/snooze-escalation';

const MAX_MINUTES = SNOOZE_MAX_MS / 60_000;

/** Either a duration in minutes or a time with its offset; exactly one. */
const body = z
  .object({
    minutes: z
      .number('must be a number of minutes')
      .int('must be a whole number of minutes')
      .min(5, 'must be at least 5 minutes')
      .max(MAX_MINUTES, `must be at most ${MAX_MINUTES} minutes (7 days)`)
      .optional(),
    until: z.iso
      .datetime({ offset: true, message: 'must be a date and time with its offset' })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.minutes === undefined) === (v.until === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: 'give either minutes or until',
      });
  });

/** POST — the group's supervisor (or an admin) snoozes the task's escalation notifications. */
export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const b = await parseJson(req, body);
  const input = b.minutes !== undefined ? { minutes: b.minutes } : { until: new Date(b.until!) };
  const r = await snoozeEscalation(db, actor, { taskId: params.id, ...input }, now);
  return json({
    task: {
      id: r.task.id,
      escalationLevel: r.task.escalationLevel,
      escalationSnoozedUntil: r.task.escalationSnoozedUntil?.toISOString() ?? null,
    },
    changed: r.changed,
  });
});
