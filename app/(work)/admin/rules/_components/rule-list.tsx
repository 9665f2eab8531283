import { useState } from 'react';
import { Button, cn, type NoticeState } from '@/app/_components/ui';
import { RuleCard } from './rule-card';
import type { Rule, RulesData } from './rule-types';

/**
 * The console's one message. The live region is always in the page, so a screen reader
 * announces each new message politely whatever its tone.
 */
function RulesMessage({ message }: { message: NoticeState }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <p
          className={cn(
            'mt-2 text-sm',
            message.tone === 'ok'
              ? 'text-emerald-800 dark:text-emerald-300'
              : 'text-red-700 dark:text-red-300',
          )}
          data-testid="rules-message"
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

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
      <RulesMessage message={message} />
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
