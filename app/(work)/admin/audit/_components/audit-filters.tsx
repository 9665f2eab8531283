import Link from 'next/link';
import { Button, Field, Input, Select } from '@/app/_components/ui';

export type AuditView = { action?: string; actor?: string; signIns?: boolean };

/**
 * The choices of the "What" filter: every kind of event ("task." for all task events) and every
 * action, each once. A filter typed into the address that is neither stays selectable.
 */
export function actionChoices(actions: string[], current?: string) {
  const kinds = [...new Set(actions.map((a) => `${a.split('.')[0]}.`))].sort();
  const groups = kinds.map((kind) => ({
    kind,
    actions: [...new Set(actions.filter((a) => a.startsWith(kind)))].sort(),
  }));
  const known = current && (kinds.includes(current) || actions.includes(current));
  return { groups, extra: current && !known ? current : null };
}

/** What, who and whether to show sign-ins: a GET form, so a view of the log is an address. */
export function AuditFilters({ view, actions }: { view: AuditView; actions: string[] }) {
  const { groups, extra } = actionChoices(actions, view.action);
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-3"
      role="search"
      aria-label="Filter the audit log"
    >
      <Field id="f-action" label="What" labelClassName="text-xs">
        {(control) => (
          <Select
            {...control}
            name="action"
            defaultValue={view.action ?? ''}
            size="sm"
            className="mt-1 w-60"
          >
            <option value="">Every event</option>
            {extra ? <option value={extra}>starts with “{extra}”</option> : null}
            {groups.map((g) => (
              <optgroup key={g.kind} label={g.kind.slice(0, -1)}>
                <option value={g.kind}>every {g.kind.slice(0, -1)} event</option>
                {g.actions.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <Field id="f-actor" label="Who (contains)" labelClassName="text-xs">
        {(control) => (
          <Input
            {...control}
            name="actor"
            defaultValue={view.actor}
            placeholder="adjuster@"
            size="sm"
            className="mt-1 w-48"
          />
        )}
      </Field>
      <label className="flex items-center gap-1.5 pb-1.5 text-sm">
        <input type="checkbox" name="signIns" value="1" defaultChecked={view.signIns} />
        Show sign-ins
      </label>
      <Button type="submit" variant="secondary" size="sm" className="mb-0.5">
        Filter
      </Button>
      {view.action || view.actor || view.signIns ? (
        <Link
          href="/admin/audit"
          className="pb-1.5 text-sm text-accent-700 hover:underline dark:text-accent-100"
        >
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
