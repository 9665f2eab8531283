'use client';

import { Button, NoticeLine, Table, TableBody, TableHead } from '../../../../_components/ui';
import type { GroupOption, UserRow as User } from '../rows';
import { CreateUserForm } from './create-user-form';
import { useUserAdmin } from './use-user-admin';
import { UserRow } from './user-row';

const columns = [
  { label: 'Name' },
  { label: 'Role' },
  { label: 'Groups' },
  { label: 'State' },
  { label: 'Claimed tasks', align: 'right' as const },
  { label: <span className="sr-only">Actions</span> },
];

/** Everyone who can sign in (or could): create, edit, deactivate and reactivate people. */
export function UserAdmin({
  users,
  groups,
  currentUserId,
  defaultTimeZone,
  zones,
}: {
  users: User[];
  groups: GroupOption[];
  currentUserId: string;
  /** The signed-in admin's own zone: a new user's time zone unless changed. */
  defaultTimeZone: string;
  zones: readonly string[];
}) {
  const admin = useUserAdmin();
  const active = users.filter((u) => u.active).length;
  return (
    <section aria-labelledby="users-heading" className="space-y-4 px-6 py-5">
      <div className="flex items-center justify-between gap-4">
        <h2 id="users-heading" className="text-sm font-semibold">
          Users{' '}
          <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
            ({active} active, {users.length - active} deactivated)
          </span>
        </h2>
        {!admin.creating ? <Button onClick={admin.startCreating}>New user</Button> : null}
      </div>
      {admin.creating ? (
        <CreateUserForm
          groups={groups}
          zones={zones}
          defaultTimeZone={defaultTimeZone}
          onDone={admin.done}
          onCancel={admin.cancelCreating}
        />
      ) : null}
      <NoticeLine notice={admin.notice} />
      <Table>
        <TableHead columns={columns} />
        <TableBody>
          {users.map((u) => (
            <UserRow
              key={u.id}
              user={u}
              groups={groups}
              zones={zones}
              isSelf={u.id === currentUserId}
              mode={admin.modeOf(u.id)}
              busy={admin.busyId === u.id}
              onMode={(mode) => admin.setMode(u.id, mode)}
              onDone={admin.done}
              onChangeActive={(activate) => admin.changeActive(u, activate)}
            />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
