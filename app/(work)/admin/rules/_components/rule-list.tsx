import { useState } from 'react';
import { Button, LiveNotice, type NoticeState } from '@/app/_components/ui';
import { RuleCard } from './rule-card';
import type { Rule, RulesData } from './rule-types';

/** The rules of the case type in evaluation order, with the button that starts a new one. */
export function RuleList({
  data,
  message,
  moving,
  onNew,
  onEdit,
  onMove,
}: {
  data: RulesData;
  message: NoticeState;
  moving: boolean;
  onNew: () => void;
  onEdit: (rule: Rule) => void;
  onMove: (id: string, direction: 'up' | 'down') => void;
}) {
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  return (
    <section aria-labelledby="rules-heading">
      <div className="flex items-center justify-between">
        <h2 id="rules-heading" className="text-sm font-semibold">
          {data.caseType.name}: rules in evaluation order (first match wins)
        </h2>
        <Button onClick={onNew}>New rule</Button>
      </div>
      <LiveNotice notice={message} testId="rules-message" />
      <ol className="mt-3 space-y-2">
        {data.rules.map((r, i) => (
          <RuleCard
            key={r.id}
            rule={r}
            index={i}
            count={data.rules.length}
            historyOpen={historyOf === r.id}
            moving={moving}
            onToggleHistory={() => setHistoryOf(historyOf === r.id ? null : r.id)}
            onMove={(direction) => onMove(r.id, direction)}
            onEdit={() => onEdit(r)}
          />
        ))}
      </ol>
    </section>
  );
}
