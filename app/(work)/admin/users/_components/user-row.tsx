'use client';

import { Button, Td } from '../../../../_components/ui';
import type { GroupOption, UserRow as User } from '../rows';
import { EditUserForm } from './edit-user-form';
import { ResetPasswordForm } from './reset-password-form';

const names = (gs: { name: string }[]) => gs.map((g) => g.name).join(', ');

/** What is open in a row: nothing, the edit form or the password reset. */
export type RowMode = 'view' | 'edit' | 'reset';

/** One person: who they are, then either their details and actions or the open form. */
export function UserRow({
  user: u,
  groups,
  zones,
  isSelf,
  mode,
  busy,
  onMode,
  onDone,
  onChangeActive,
}: {
  user: User;
  groups: GroupOption[];
  zones: readonly string[];
  isSelf: boolean;
  mode: RowMode;
  busy: boolean;
  onMode: (mode: RowMode) => void;
  onDone: (text: string) => void;
  onChangeActive: (activate: boolean) => void;
}) {
  const close = () => onMode('view');
  return (
    <tr
      className={`align-top ${u.active ? '' : 'text-zinc-500 dark:text-zinc-400'}`}
      data-testid="user-row"
    >
      <Td>
        <span className="font-medium">{u.name}</span>
        {isSelf ? <span className="text-xs text-zinc-500 dark:text-zinc-400"> (you)</span> : null}
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{u.email}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400" data-testid="user-zone">
          {u.timeZone}
        </span>
      </Td>
      {mode === 'edit' ? (
        <Td colSpan={5} className="py-0">
          <EditUserForm
            user={u}
            groups={groups}
            zones={zones}
            isSelf={isSelf}
            onDone={onDone}
            onCancel={close}
          />
        </Td>
      ) : mode === 'reset' ? (
        <Td colSpan={5} className="py-0">
          <ResetPasswordForm user={u} onDone={onDone} onCancel={close} />
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
            <RowActions
              user={u}
              isSelf={isSelf}
              busy={busy}
              onMode={onMode}
              onChangeActive={onChangeActive}
            />
          </Td>
        </>
      )}
    </tr>
  );
}

/** Edit, reset password (not one's own: that is on the profile page), deactivate or reactivate. */
function RowActions({
  user: u,
  isSelf,
  busy,
  onMode,
  onChangeActive,
}: {
  user: User;
  isSelf: boolean;
  busy: boolean;
  onMode: (mode: RowMode) => void;
  onChangeActive: (activate: boolean) => void;
}) {
  return (
    <>
      <Button variant="subtle" size="sm" onClick={() => onMode('edit')}>
        Edit<span className="sr-only"> {u.name}</span>
      </Button>
      {isSelf ? null : (
        <Button variant="subtle" size="sm" onClick={() => onMode('reset')}>
          Reset password<span className="sr-only"> of {u.name}</span>
        </Button>
      )}
      {isSelf ? null : u.active ? (
        <Button variant="danger" size="sm" disabled={busy} onClick={() => onChangeActive(false)}>
          Deactivate<span className="sr-only"> {u.name}</span>
        </Button>
      ) : (
        <Button variant="ghost" size="sm" disabled={busy} onClick={() => onChangeActive(true)}>
          Reactivate<span className="sr-only"> {u.name}</span>
        </Button>
      )}
    </>
  );
}
