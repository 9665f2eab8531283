'use client';

import { Button, Td } from '../../../../_components/ui';
import type { GroupOption, UserRow as User } from '../rows';
import { EditUserForm } from './edit-user-form';

const names = (gs: { name: string }[]) => gs.map((g) => g.name).join(', ');

/** One person: who they are, then either their details and actions or the edit form. */
export function UserRow({
  user: u,
  groups,
  isSelf,
  editing,
  busy,
  onEdit,
  onCancelEdit,
  onDone,
  onChangeActive,
}: {
  user: User;
  groups: GroupOption[];
  isSelf: boolean;
  editing: boolean;
  busy: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onDone: (text: string) => void;
  onChangeActive: (activate: boolean) => void;
}) {
  return (
    <tr
      className={`align-top ${u.active ? '' : 'text-zinc-400 dark:text-zinc-500'}`}
      data-testid="user-row"
    >
      <Td>
        <span className="font-medium">{u.name}</span>
        {isSelf ? <span className="text-xs text-zinc-500"> (you)</span> : null}
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{u.email}</span>
      </Td>
      {editing ? (
        <Td colSpan={5} className="py-0">
          <EditUserForm
            user={u}
            groups={groups}
            isSelf={isSelf}
            onDone={onDone}
            onCancel={onCancelEdit}
          />
        </Td>
      ) : (
        <>
          <Td>{u.role}</Td>
          <Td className="text-xs">
            {u.groups.length ? names(u.groups) : '—'}
            {u.supervises.length ? (
              <span className="block text-zinc-500 dark:text-zinc-400">
                supervises {names(u.supervises)}
              </span>
            ) : null}
          </Td>
          <Td className="text-xs">
            {u.active ? 'Active' : 'Deactivated'}
            {u.outOfOffice ? (
              <span className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                out of office
              </span>
            ) : null}
          </Td>
          <Td className="tabular text-right">{u.claimedTasks}</Td>
          <Td className="py-1.5 pr-0 text-right whitespace-nowrap">
            <Button variant="subtle" size="sm" onClick={onEdit}>
              Edit<span className="sr-only"> {u.name}</span>
            </Button>
            {isSelf ? null : u.active ? (
              <Button
                variant="danger"
                size="sm"
                disabled={busy}
                onClick={() => onChangeActive(false)}
              >
                Deactivate<span className="sr-only"> {u.name}</span>
              </Button>
            ) : (
              <Button
                variant="ghost"
                size="sm"
                disabled={busy}
                onClick={() => onChangeActive(true)}
              >
                Reactivate<span className="sr-only"> {u.name}</span>
              </Button>
            )}
          </Td>
        </>
      )}
    </tr>
  );
}
