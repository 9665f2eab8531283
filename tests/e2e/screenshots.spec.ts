import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

/**
 * A full-page screenshot of every screen as the persona who works in it, kept in
 * test-results/screenshots/pages/ so a change to the look can be compared before and after.
 * Each page must render its heading (no error page, no 404).
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/pages/${name}.png`, fullPage: true });

test('sign-in page', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'signin');
});

test('adjuster: inbox, task and case pages', async ({ page }) => {
  await signedInAs(page, 'adjuster@example.com');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'inbox');
  await page.getByRole('button', { name: /^Claims adjusters/ }).click();
  await page.locator('main a[href^="/tasks/"]').first().click();
  await expect(page).toHaveURL(/\/tasks\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'task');
  await page
    .getByRole('link', { name: /CLM-\d{4}-\d{6}/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/cases\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'case');
});

test('supervisor: team console', async ({ page }) => {
  await signedInAs(page, 'supervisor@example.com');
  await page.goto('/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await shot(page, 'team');
});

for (const [path, name] of [
  ['/admin', 'admin-tokens'],
  ['/admin/rules', 'admin-rules'],
  ['/admin/sla', 'admin-sla'],
  ['/admin/users', 'admin-users'],
  ['/admin/audit', 'admin-audit'],
] as const) {
  test(`admin: ${path}`, async ({ page }) => {
    await signedInAs(page, 'admin@example.com');
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shot(page, name);
  });
}
