import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/data/database';
import { DomainError } from '@/lib/errors';
import { listGroups, listUsers } from '@/lib/use-cases/admin-users';
import { pageActor } from '../../../_components/session';
import { GroupAdmin } from './group-admin';
import { UserAdmin } from './user-admin';

export const metadata: Metadata = { title: 'Users and groups' };
export const dynamic = 'force-dynamic';

export default async function UsersAdminPage() {
  const actor = await pageActor('/admin/users');
  const db = await getDb();
  const [users, groups] = await Promise.all([listUsers(db, actor), listGroups(db, actor)]).catch(
    (e: unknown) => {
      if (e instanceof DomainError && e.code === 'forbidden') notFound();
      throw e;
    },
  );
  const groupOptions = groups.map((g) => ({ id: g.id, key: g.key, name: g.name }));
  return (
    <div>
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Users and groups</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Who can sign in, with which role, in which group queues; who supervises each group
        </p>
      </header>
      <UserAdmin
        currentUserId={actor.id}
        groups={groupOptions}
        users={users.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          role: u.role,
          active: u.active,
          outOfOffice: u.outOfOffice,
          groups: u.groups,
          supervises: u.supervises,
          claimedTasks: u.claimedTasks,
        }))}
      />
      <GroupAdmin
        groups={groups.map((g) => ({
          id: g.id,
          key: g.key,
          name: g.name,
          memberCount: g.memberCount,
          supervisor: g.supervisor,
        }))}
        candidates={users
          .filter((u) => u.active && u.role !== 'adjuster')
          .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))}
      />
    </div>
  );
}
