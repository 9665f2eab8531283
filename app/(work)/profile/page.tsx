import type { Metadata } from 'next';
import { selectableTimeZones } from '@/lib/domain/time-zone';
import { getPageContext } from '@/lib/use-cases/page-context';
import { getProfile } from '@/lib/use-cases/get-profile';
import { loadOr404 } from '@/app/_components/load-or-404';
import { PageHeader } from '../../_components/ui';
import { AbsencesPanel } from './_components/absences-panel';
import { PasswordForm } from './_components/password-form';
import { ProfileForm } from './_components/profile-form';

export const metadata: Metadata = { title: 'Your profile' };
export const dynamic = 'force-dynamic';

const roleLabel = { adjuster: 'Adjuster', supervisor: 'Supervisor', admin: 'Admin' } as const;

/** The signed-in person's own name, time zone, password and absences. */
export default async function ProfilePage() {
  const { actor, db } = await getPageContext('/profile');
  const profile = await loadOr404(() => getProfile(db, actor));
  return (
    <div>
      <PageHeader
        title="Your profile"
        description={`${profile.email} · ${roleLabel[profile.role]} — your role and groups are set by an admin`}
      />
      <div className="grid max-w-4xl gap-8 px-6 py-5 lg:grid-cols-2">
        <ProfileForm
          name={profile.name}
          timeZone={profile.timeZone}
          zones={selectableTimeZones()}
        />
        <PasswordForm
          email={profile.email}
          passwordChangedAt={profile.passwordChangedAt?.toISOString() ?? null}
        />
        <section aria-labelledby="absences-heading" className="space-y-2 lg:col-span-2">
          <h2 id="absences-heading" className="text-sm font-semibold">
            Absences
          </h2>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            While you are away, new work routed to you goes to your delegate. Your absence starts
            and ends on its own.
          </p>
          <AbsencesPanel userId={null} idPrefix="my-absence" />
        </section>
      </div>
    </div>
  );
}
