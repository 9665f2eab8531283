'use client';

import { LiveNotice } from '@/app/_components/ui';
import { ThresholdAddForm } from './threshold-add-form';
import { ThresholdLimitRow } from './threshold-limit-row';
import { RuleTitlesProvider, type RuleTitle } from './threshold-rule-titles';
import { ThresholdSetting } from './threshold-setting';
import {
  AUTOMATIC_APPROVAL_EDITOR,
  useRemoveLimit,
  useThresholdNotice,
  VARIANCE_SHARE_EDITOR,
  type ThresholdsData,
} from './use-thresholds';

/**
 * Threshold rules on money: how much each group (and a person, as an override) may approve,
 * how far an amount may stray from the recommendation before it needs a reason, and how much
 * a straight-through rule pays with no person involved. Every change is a new version; a
 * limit is previewed against open work before it is saved.
 */
export function ThresholdSection({
  data,
  ruleTitles,
}: {
  data: ThresholdsData;
  /** The routing rules' titles, which may name the amounts edited here. */
  ruleTitles: RuleTitle[];
}) {
  const { notice, done, failed } = useThresholdNotice();
  const remove = useRemoveLimit({ done, failed });
  const notify = { done, failed };
  return (
    <RuleTitlesProvider rules={ruleTitles}>
      <section
        aria-labelledby="thresholds-heading"
        className="border-t border-zinc-200 px-6 py-5 dark:border-zinc-800"
      >
        <h2 id="thresholds-heading" className="text-sm font-semibold">
          Thresholds
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Checked on the server whenever someone approves a payout, and before a straight-through
          rule pays one. Each change is a new version; preview a limit against open work before
          saving it.
        </p>
        <LiveNotice notice={notice} testId="thresholds-message" />
        <div className="mt-3 max-w-4xl">
          <h3 className="text-xs font-semibold text-zinc-600 dark:text-zinc-300">
            Amount against the recommendation
          </h3>
          <ThresholdSetting
            setting={data.varianceShare}
            editor={VARIANCE_SHARE_EDITOR}
            {...notify}
          />
          <h3 className="mt-5 text-xs font-semibold text-zinc-600 dark:text-zinc-300">
            Straight-through payouts
          </h3>
          <ThresholdSetting
            setting={data.automaticApproval}
            editor={AUTOMATIC_APPROVAL_EDITOR}
            {...notify}
          />
          <h3 className="mt-5 text-xs font-semibold text-zinc-600 dark:text-zinc-300">
            Authority limits
          </h3>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            The largest payout a member may approve. A personal limit replaces the person&apos;s
            group limits; above a limit, the approval goes to the lowest group whose limit covers
            the amount.
          </p>
          <ul
            className="mt-1 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800"
            aria-label="Authority limits"
          >
            {data.limits.map((l) => (
              <ThresholdLimitRow
                key={`${l.id}:${l.version}`}
                limit={l}
                removing={remove.isPending}
                onRemove={() =>
                  remove.mutate({
                    target:
                      l.subject.kind === 'group'
                        ? { groupId: l.subject.id }
                        : { userId: l.subject.id },
                    expectedVersion: l.version,
                  })
                }
                {...notify}
              />
            ))}
          </ul>
          <ThresholdAddForm data={data} {...notify} />
        </div>
      </section>
    </RuleTitlesProvider>
  );
}
