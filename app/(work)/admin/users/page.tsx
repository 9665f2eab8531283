import type { Metadata } from 'next';
import { selectableTimeZones } from '@/lib/domain/time-zone';
import { getPageContext } from '@/lib/use-cases/page-context';
import { loadOr404 } from '@/app/_components/load-or-404';
import { listGroups } from '@/lib/use-cases/list-groups';
import { listUsers } from '@/lib/use-cases/list-users';
import { PageHeader } from '../../../_components/ui';
import { GroupAdmin } from './_components/group-admin';
import { UserAdmin } from './_components/user-admin';
import { toGroupOption, toGroupRow, toSupervisorCandidates, toUserRow } from './rows';

export const metadata: Metadata = { title: 'Users and groups' };
export const dynamic = 'force-dynamic';

export default async function UsersAdminPage() {
  const { actor, db } = await getPageContext('/admin/users');
  const [users, groups] = await loadOr404(() =>
    Promise.all([listUsers(db, actor), listGroups(db, actor)]),
  );
  return (
    <div>
      <PageHeader
        title="Users and groups"
        description="Who can sign in, with which role, in which group queues; who supervises each group"
      />
      <UserAdmin
        currentUserId={actor.id}
        defaultTimeZone={actor.timeZone ?? 'UTC'}
        zones={selectableTimeZones()}
        groups={groups.map(toGroupOption)}
        users={users.map(toUserRow)}
      />
      <GroupAdmin groups={groups.map(toGroupRow)} candidates={toSupervisorCandidates(users)} />
    </div>
  );
}
