import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { openPostgres } from '../../db/client';
import { DIGEST_GRACE_MS } from '../../lib/domain/escalation-digest';
import { sendEscalationDigests } from '../../lib/use-cases/send-escalation-digests';
import { PASSWORD } from './helpers';

/**
 * Issue 18 part 2 in the browser: a burst of 200 escalations in a digest group sends the
 * supervisor one digest, which opens on its page and acknowledges an escalation. The tasks are
 * set up in the database (the API opens one case at a time, due days ahead) and escalated by the
 * live scheduler; the digest job then runs once that period has closed (its end plus the grace), so the test need not wait
 * up to 15 minutes for it. Needs the PostgreSQL e2e database (DATABASE_URL), which it shares
 * with the server; on PGlite the server owns the data folder, so the spec is skipped.
 */
const url = process.env.DATABASE_URL;
test.skip(!url, 'needs DATABASE_URL (the server and the spec share the e2e database)');

test('a burst of 200 escalations sends one digest; it opens and acknowledges from its page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const sql = postgres(url!, { max: 2, onnotice: () => {} });
  try {
    // A group of its own, supervised by Sue, so no demo escalation shares its digest.
    const [sue] = await sql`select id from users where email = 'supervisor@example.com'`;
    const [g] = await sql`insert into groups (key, name, supervisor_id)
      values (${`burst-${Date.now()}`}, 'Burst desk', ${sue!.id}) returning id, supervisor_id`;
    const [p] = await sql`select id from sla_policies where key = 'adjuster-review'`;
    const [c] = await sql`select id from cases order by created_at limit 1`;
    await page.goto('/signin');
    await page.getByLabel('E-mail', { exact: true }).fill('supervisor@example.com');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/inbox/);
    // The supervisor chooses a digest every 15 minutes for the group, through the API.
    const set = await page.request.patch(`/api/team/groups/${g!.id}/escalation-delivery`, {
      data: { delivery: 'digest', intervalMinutes: 15, workingHoursOnly: false },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(set.status()).toBe(200);
    const due = new Date(Date.now() - 60_000);
    const ids = (
      await sql`insert into tasks (case_id, step_key, name, status, candidate_group_id, sla_policy_id, due_at, ladder_started_at, next_escalation_at, outcomes)
        select ${c!.id}, 'adjuster-review', 'Burst review ' || n, 'ready', ${g!.id}, ${p!.id}, ${due}, ${due}, ${due}, '[]'::jsonb
        from generate_series(1, 200) n returning id`
    ).map((r) => r.id as string);
    // The live scheduler escalates them (every 2 s in e2e): no notification one by one.
    await expect
      .poll(
        async () =>
          Number(
            (
              await sql`select count(*) as n from tasks where id = any(${ids}::uuid[]) and escalation_level >= 1`
            )[0]!.n,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
    const perTask =
      await sql`select count(*) as n from notifications where kind = 'escalation' and task_id = any(${ids}::uuid[])`;
    expect(Number(perTask[0]!.n)).toBe(0);

    // The digest job for the period in which they escalated, twice: one digest.
    const handle = openPostgres(url!, { max: 2 });
    try {
      // A period is closed 5 minutes after its end (DIGEST_GRACE_MS): 15 + 5 + 1 minutes ahead
      // always closes the period the escalations fell in, wherever in it the clock stands now.
      const later = new Date(Date.now() + (15 + DIGEST_GRACE_MS / 60_000 + 1) * 60_000);
      await Promise.all([
        sendEscalationDigests(handle.db, later),
        sendEscalationDigests(handle.db, later),
      ]);
    } finally {
      await handle.close();
    }
    const digests =
      await sql`select id, escalation_count from escalation_digests where group_id = ${g!.id}`;
    expect(digests).toHaveLength(1);
    expect(Number(digests[0]!.escalation_count)).toBe(200);
    const notes =
      await sql`select id from notifications where kind = 'digest' and user_id = ${g!.supervisor_id} and dedupe_key like ${`digest:${g!.id}:%`}`;
    expect(notes).toHaveLength(1);

    await page.goto('/inbox');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const note = page
      .getByRole('dialog', { name: 'Notifications' })
      .getByTestId('notification')
      .filter({ hasText: 'Escalation digest for Burst desk' });
    await expect(note).toHaveCount(1);
    await note.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/team/digests/${digests[0]!.id}`));
    await expect(
      page.getByRole('heading', { name: /Escalation digest: Burst desk/ }),
    ).toBeVisible();
    const section = page.getByTestId('digest-escalations');
    await expect(section.getByRole('heading')).toContainText('(200)');
    await expect(section.getByText(/and \d+ more/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/digest.png', fullPage: true });
    const first = section.getByTestId('digest-task').first();
    await first.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect(page.getByTestId('digest-message')).toContainText('acknowledged');
    await expect(first).toContainText('acknowledged');
    const acks =
      await sql`select count(*) as n from audit_events where action = 'task.escalation_acknowledged' and task_id = any(${ids}::uuid[])`;
    expect(Number(acks[0]!.n)).toBe(1);

    // The task page: acknowledge or snooze beside the supervisor's other actions.
    await page.goto(`/tasks/${ids[1]}`);
    await expect(page.getByTestId('escalation-controls')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/task-escalation.png', fullPage: true });
    // The team console: the group's delivery setting.
    await page.goto('/team');
    await expect(page.getByTestId('digest-settings').first()).toBeVisible();
    await page.getByTestId('digest-settings').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/team-digest-settings.png' });
  } finally {
    await sql.end();
  }
});
