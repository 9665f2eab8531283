import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, signedInAs } from './helpers';

/**
 * The axe-core sweep: every page each persona can open, in the states people meet them in
 * (each inbox queue, a claimed and an unclaimed task, an approval step, the notifications
 * panel, the shortcuts overlay, the not-found page), checked against the WCAG 2.0/2.1/2.2 A and
 * AA rules. A failure lists each violation's rule, impact, element and axe's summary.
 * Soft expectations: one run reports every page's violations, not only the first page's.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page: Page, label: string) {
  // Live data settles first (queue counts, notifications), so axe sees the page people see.
  await page.waitForLoadState('networkidle').catch(() => {});
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const lines = violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} [${v.impact ?? 'n/a'}] ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`,
    ),
  );
  // One line per page, so a run's total can be read off the log.
  const dark = test.info().titlePath.some((t) => t.includes('(dark)'));
  console.log(`axe ${dark ? 'dark ' : ''}${label}: ${lines.length} violation node(s)`);
  expect
    .soft(lines, `${label}: ${lines.length} axe violation node(s)\n${lines.join('\n')}`)
    .toEqual([]);
}

const rail = (page: Page) => page.getByRole('navigation', { name: 'Queues' });
const firstTaskLink = (page: Page) =>
  page.locator('main [data-testid="task-row"] a[href^="/tasks/"]');

/** Each queue in the rail, then the first task of My tasks and of each group queue. */
async function sweepInbox(page: Page, who: string): Promise<string[]> {
  await page.goto('/inbox');
  await expect(rail(page)).toBeVisible();
  const names = await rail(page).getByRole('button').allInnerTexts();
  const tasks: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const label = names[i]!.split('\n')[0]!.trim();
    await rail(page).getByRole('button').nth(i).click();
    await expect(rail(page).getByRole('button').nth(i)).toHaveAttribute('aria-current', 'page');
    // The new queue's rows, not the previous queue's dimmed while they load.
    await expect(page.locator('[data-testid="task-list"][aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page, `${who} inbox · ${label}`);
    const href = await firstTaskLink(page)
      .first()
      .getAttribute('href', { timeout: 2_000 })
      .catch(() => null);
    if (href && (i === 0 || /adjusters|supervisors|investigations/i.test(label))) tasks.push(href);
  }
  return [...new Set(tasks)];
}

async function sweepTasks(page: Page, who: string, hrefs: string[]) {
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, `${who} task ${href}`);
  }
  if (hrefs[0]) {
    await page.goto(hrefs[0]);
    const caseLink = page.getByRole('link', { name: /CLM-\d{4}-\d{6}/ }).first();
    await caseLink.click();
    await expect(page).toHaveURL(/\/cases\//);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, `${who} case page`);
    const caseUrl = page.url();
    // The case as of one of its events (the past view), and the evidence print view.
    await page.getByRole('link', { name: 'As of here' }).first().click();
    await expect(page.getByTestId('as-of-banner')).toBeVisible();
    await expectAccessible(page, `${who} case as of an event`);
    await page.goto(caseUrl);
    const print = page.getByRole('link', { name: 'Print view' });
    if (await print.count()) {
      await print.click();
      await expect(page.getByRole('heading', { name: 'Tasks and decisions' })).toBeVisible();
      await expectAccessible(page, `${who} evidence print view`);
    }
  }
}

/** The panels every signed-in page has: notifications, the `?` overlay, the profile, the 404. */
async function sweepCommon(page: Page, who: string) {
  await page.goto('/inbox');
  await expect(rail(page)).toBeVisible();
  await page.getByRole('button', { name: /^Notifications/ }).click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  await expect(panel).toBeVisible();
  await expectAccessible(page, `${who} notifications panel`);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  await expectAccessible(page, `${who} shortcuts overlay`);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await expectAccessible(page, `${who} profile`);

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, `${who} not found`);
  await page.goto('/tasks/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, `${who} task not found`);
}

// Light and dark follow the system: both are swept.
for (const scheme of ['light', 'dark'] as const)
  test.describe(`axe-core WCAG 2.2 A/AA sweep (${scheme})`, () => {
    test.describe.configure({ timeout: 240_000 });
    test.use({ colorScheme: scheme });

    test('signed out: sign-in page, with and without an error', async ({ page }) => {
      await page.goto('/signin');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page, 'sign-in');
      await signIn(page, 'nobody@example.com', 'wrong-password');
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expectAccessible(page, 'sign-in with an error');
      await page.goto('/no-such-page');
      await expectAccessible(page, 'signed-out not found');
    });

    for (const who of ['adjuster', 'senior'] as const) {
      test(`${who}: inbox queues, tasks, case, panels`, async ({ page }) => {
        await signedInAs(page, `${who}@example.com`);
        const tasks = await sweepInbox(page, who);
        await sweepTasks(page, who, tasks);
        await sweepCommon(page, who);
      });
    }

    test('supervisor: inbox, approval task, team', async ({ page }) => {
      await signedInAs(page, 'supervisor@example.com');
      const tasks = await sweepInbox(page, 'supervisor');
      await sweepTasks(page, 'supervisor', tasks);
      await page.goto('/team');
      await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
      await expectAccessible(page, 'supervisor team');
      await sweepCommon(page, 'supervisor');
    });

    test('admin: every admin page and its editors', async ({ page }) => {
      await signedInAs(page, 'admin@example.com');
      const tasks = await sweepInbox(page, 'admin');
      await sweepTasks(page, 'admin', tasks);
      for (const path of ['/team', '/admin', '/admin/sla', '/admin/users', '/admin/audit']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectAccessible(page, `admin ${path}`);
      }
      await page.goto('/admin/audit?action=auth.');
      await expectAccessible(page, 'admin /admin/audit filtered');

      await page.goto('/admin/rules');
      await expect(page.getByTestId('rule').first()).toBeVisible();
      await expectAccessible(page, 'admin /admin/rules');
      await page
        .getByRole('button', { name: /^Edit Payout/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Preview on recent cases' }).click();
      await expect(page.getByTestId('preview-summary')).toBeVisible();
      await expectAccessible(page, 'admin rule editor with preview');
      await page
        .getByTestId('threshold-limit')
        .filter({ hasText: 'Claims adjusters' })
        .getByRole('button', { name: /^Edit/ })
        .click();
      await page.getByLabel('May approve up to').fill('40,000');
      await page.getByRole('button', { name: 'Preview effect' }).click();
      await expect(page.getByTestId('threshold-preview')).toBeVisible();
      await expectAccessible(page, 'admin threshold editor with preview');

      await page.goto('/admin/users');
      await page.getByRole('button', { name: 'New user' }).click();
      await expect(page.getByRole('form', { name: 'New user' })).toBeVisible();
      await expectAccessible(page, 'admin new-user form');

      await page.goto('/admin');
      await page.getByLabel('Name').fill(`axe sweep ${Date.now()}`);
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByTestId('new-token')).toBeVisible();
      await expectAccessible(page, 'admin token created');

      await sweepCommon(page, 'admin');
    });
  });
