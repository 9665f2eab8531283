import type { RuleWarning } from './rule-types';

/** What the analysis found suspicious about a rule (e.g. shadowed by an earlier one). */
export function RuleWarnings({ warnings, asNote }: { warnings: RuleWarning[]; asNote?: boolean }) {
  return warnings.map((w) => (
    <p
      key={w.code}
      className="mt-1 text-xs text-amber-800 dark:text-amber-300"
      role={asNote ? 'note' : undefined}
    >
      ⚠ {w.message}
    </p>
  ));
}
