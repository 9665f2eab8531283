import { Button, Table, TableBody, TableHead, Td } from '@/app/_components/ui';
import type { RulePreview as Preview } from './rule-types';
import { RuleWarnings } from './rule-warnings';

const COLUMNS = [{ label: 'Case' }, { label: 'Was' }, { label: 'Would be' }];

/** What the draft would have done to recent cases: how many it catches and which it reroutes. */
export function RulePreview({
  preview,
  onPlace,
}: {
  preview: Preview;
  onPlace: (insertBefore: string) => void;
}) {
  const s = preview.suggestion;
  return (
    <div
      className="mt-4 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800"
      data-testid="preview"
    >
      <p>
        <span className="text-zinc-500 dark:text-zinc-400">when</span> {preview.conditionText}{' '}
        <span className="text-zinc-500 dark:text-zinc-400">then</span> {preview.actionsText}
      </p>
      <RuleWarnings warnings={preview.warnings} />
      {s ? (
        <p className="mt-1 text-xs">
          Evaluated before rule {s.place} “{s.name}”, it would still catch cases.{' '}
          <Button
            variant="secondary"
            size="sm"
            className="py-0.5 font-normal"
            onClick={() => onPlace(s.insertBefore)}
          >
            Insert before rule {s.place}
          </Button>
        </p>
      ) : null}
      <p className="mt-2 font-medium" data-testid="preview-summary">
        Of the last {preview.evaluated} cases, this rule would have caught {preview.matchedByDraft};{' '}
        {preview.changed.length} would have been routed differently.
      </p>
      {preview.changed.length ? (
        <Table className="mt-2 text-xs">
          <TableHead columns={COLUMNS} cellClassName="py-1" />
          <TableBody>
            {preview.changed.slice(0, 50).map((c) => (
              <tr key={c.reference}>
                <Td className="py-1 pr-2 align-top">
                  <span className="tabular">{c.reference}</span>
                  <span className="block text-zinc-500 dark:text-zinc-400">{c.claimant}</span>
                </Td>
                <Td className="py-1 pr-2 align-top">{c.before}</Td>
                <Td className="py-1 pr-0 align-top">{c.after}</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
