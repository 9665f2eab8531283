import { expect, test, type Browser, type Page } from '@playwright/test';
import { openClaimViaApi, signIn, signedInAs } from './helpers';

/**
 * Day one of a new colleague (issue 14): the admin creates them in their own time zone and gives
 * them a temporary password; they set their zone, name and password on /profile, and every date
 * follows. The person is made here and deactivated at the end (the demo users' passwords and
 * zones are never changed); the task looked at is one this file opens through the API.
 */

/** "16:05" in `zone`: how the hour and minute of `iso` read in every date style of the app. */
function clock(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(new Date(iso));
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The task's due date as the task page shows it, and the same instant in the inbox row's chip. */
async function dueAsShown(page: Page, taskId: string, claimant: string) {
  await page.goto(`/tasks/${taskId}`);
  const due = page.locator('p:has([data-testid="routing-reason"]) time');
  const iso = (await due.getAttribute('datetime'))!;
  const taskText = (await due.textContent())!;
  await page.goto('/inbox');
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Claims adjusters/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Claims adjusters/);
  await page.getByRole('searchbox', { name: /Search/ }).fill(claimant);
  const chip = page.getByTestId('task-row').first().locator('[data-due-state]');
  await expect(page.getByTestId('task-row')).toHaveCount(1);
  return { iso, taskText, inboxTitle: (await chip.getAttribute('title'))! };
}

test('an admin creates a user in a time zone and resets their password; the user changes zone, name and password on /profile and every date follows', async ({
  browser,
  page,
}) => {
  const stamp = Date.now();
  const email = `zoe-${stamp}@example.com`;
  const claimant = `Tia Tokyo ${stamp}`;

  // The admin creates Zoe: the zone field starts at the admin's own zone.
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Name').fill('Zoe Zone');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel(/Initial password/).fill('initial-pass-e2e-1');
  const zone = form.getByLabel('Time zone');
  await expect(zone).toHaveValue('America/New_York');
  await zone.fill('Mars/Olympus');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.locator('#new-user-time-zone-error')).toHaveText(/not a known IANA time zone/);
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await zone.fill('Asia/Tokyo');
  await expect(form.getByText(/Local time there: .*\(UTC\+09:00\)/)).toBeVisible();
  await form.getByLabel('Claims adjusters').check();
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await expect(row.getByTestId('user-zone')).toHaveText('Asia/Tokyo');

  // … and gives her a generated temporary password, shown once with a copy button.
  await row.getByRole('button', { name: 'Reset password of Zoe Zone' }).click();
  await row.getByRole('button', { name: 'Generate one' }).click();
  const temporary = await row.getByLabel('Temporary password for Zoe Zone').inputValue();
  expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await expect(row.getByRole('button', { name: 'Copy password' })).toBeVisible();
  await row.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(/Password of Zoe Zone reset/)).toBeVisible();
  await expect(row.getByLabel('Temporary password for Zoe Zone')).toHaveCount(0);

  // Zoe signs in with it; a claim lands in her group's queue.
  const zoe = await newPage(browser);
  await signIn(zoe, email, temporary);
  await expect(zoe).toHaveURL(/\/inbox/);
  const claim = await openClaimViaApi(zoe.request, {
    damageEstimate: 9200,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant,
  });
  const tokyo = await dueAsShown(zoe, claim.firstTaskId, claimant);
  expect(tokyo.taskText).toContain(clock(tokyo.iso, 'Asia/Tokyo'));
  expect(tokyo.inboxTitle).toContain(`${clock(tokyo.iso, 'Asia/Tokyo')}:`);

  // A second session of hers, signed in before the password change below.
  const elsewhere = await newPage(browser);
  await signIn(elsewhere, email, temporary);
  await expect(elsewhere).toHaveURL(/\/inbox/);

  // Her name in the sidebar leads to her profile: she moves to Los Angeles and renames herself.
  await zoe.getByTestId('current-user').getByRole('link', { name: 'Zoe Zone' }).click();
  await expect(zoe).toHaveURL(/\/profile$/);
  await expect(zoe.getByRole('heading', { level: 1 })).toHaveText('Your profile');
  const profile = zoe.getByTestId('profile-form');
  await expect(profile.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
  await profile.getByLabel('Time zone').fill('America/Los_Angeles');
  await expect(profile.getByText(/Local time there: .*\(UTC−0[78]:00\)/)).toBeVisible();
  await profile.getByLabel('Display name').fill('Zoe Z. Zone');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(zoe.getByTestId('profile-notice')).toHaveText(/America\/Los_Angeles/);
  await expect(zoe.getByTestId('current-user')).toHaveText('Zoe Z. Zone');

  const la = await dueAsShown(zoe, claim.firstTaskId, claimant);
  expect(la.iso).toBe(tokyo.iso);
  expect(la.taskText).toContain(clock(la.iso, 'America/Los_Angeles'));
  expect(la.inboxTitle).toContain(`${clock(la.iso, 'America/Los_Angeles')}:`);
  expect(la.inboxTitle).not.toBe(tokyo.inboxTitle);

  // She changes her password: this session stays, the other one ends.
  await zoe.goto('/profile');
  const password = zoe.getByTestId('password-form');
  await password.getByLabel('Current password').fill(temporary);
  await password.getByLabel('New password', { exact: true }).fill('lantern-river-e2e-42');
  await password.getByLabel('New password again').fill('lantern-river-e2e-42');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(zoe.getByTestId('password-notice')).toHaveText(/Password changed/);
  await zoe.reload();
  await expect(zoe.getByRole('heading', { level: 1 })).toHaveText('Your profile');
  await elsewhere.goto('/inbox');
  await expect(elsewhere).toHaveURL(/\/signin/);
  await signIn(elsewhere, email, 'lantern-river-e2e-42');
  await expect(elsewhere).toHaveURL(/\/inbox/);

  // Zoe leaves again, so later files' round-robin assignment never picks her.
  const off = await page.request.post(
    `/api/admin/users/${await userIdOf(page, email)}/deactivate`,
    { data: {} },
  );
  expect(off.status()).toBe(200);
});

async function userIdOf(page: Page, email: string): Promise<string> {
  const res = await page.request.get('/api/admin/users');
  const { users } = (await res.json()) as { users: { id: string; email: string }[] };
  return users.find((u) => u.email === email)!.id;
}
