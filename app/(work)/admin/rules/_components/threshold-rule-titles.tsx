'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { formatMoneyCents } from '@/lib/domain/payout-authority';

/** A routing rule as the threshold editors need it: where it is, and what its title says. */
export type RuleTitle = { id: string; name: string };

const RuleTitles = createContext<RuleTitle[]>([]);

/** Hands the routing rules' titles to the threshold editors below. */
export function RuleTitlesProvider({
  rules,
  children,
}: {
  rules: RuleTitle[];
  children: ReactNode;
}) {
  return <RuleTitles.Provider value={rules}>{children}</RuleTitles.Provider>;
}

/** The amounts a title names: "Payout 5,001–50,000" → 5001 and 50000 (whole units). */
export function amountsInTitle(title: string): number[] {
  return [...title.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, '')),
  );
}

/** The rules whose titles name `cents` (as whole units): they would read wrong once it changes. */
export function rulesNaming(rules: RuleTitle[], cents: number): RuleTitle[] {
  return rules.filter((r) => amountsInTitle(r.name).some((a) => Math.round(a * 100) === cents));
}

/** Moves focus to a rule's card (its address fragment scrolls it into view). */
function focusRule(id: string) {
  document.getElementById(`rule-${id}`)?.focus();
}

/**
 * "Routing rules name amounts in their titles: 'Payout 5,001–50,000' still says 50,000 — rename
 * it?": said in a threshold editor once the amount typed differs from the one a rule's title
 * names, with a link to that rule. Routing does not follow a threshold; the titles would lie.
 */
export function RuleTitleHint({
  fromCents,
  toCents,
}: {
  /** The amount saved now. */
  fromCents: number | null;
  /** The amount typed; null when it is no amount (yet). */
  toCents: number | null | undefined;
}) {
  const rules = useContext(RuleTitles);
  if (fromCents === null || toCents === undefined || toCents === fromCents) return null;
  const stale = rulesNaming(rules, fromCents);
  if (!stale.length) return null;
  const amount = formatMoneyCents(fromCents);
  return (
    <p className="mt-2 text-xs text-zinc-700 dark:text-zinc-300" data-testid="rule-title-hint">
      Routing rules name amounts in their titles:{' '}
      {stale.map((r, i) => (
        <span key={r.id}>
          {i ? ', ' : ''}“
          <a
            href={`#rule-${r.id}`}
            onClick={() => focusRule(r.id)}
            className="font-medium text-accent-700 underline dark:text-accent-100"
          >
            {r.name}
          </a>
          ”
        </span>
      ))}{' '}
      still {stale.length === 1 ? 'says' : 'say'} {amount} — rename{' '}
      {stale.length === 1 ? 'it' : 'them'}?
    </p>
  );
}
