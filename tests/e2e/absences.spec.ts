import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

/**
 * Absences with dates (issue 17): a person plans one on their profile and cancels it; a
 * supervisor plans one for a member from the team view. Far in the future and cancelled at the
 * end, so no other test sees anyone out of office.
 */
async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signedInAs(page, email);
  return page;
}

const dateIn = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a person plans an absence with a delegate on /profile, sees it, and cancels it; a supervisor plans one for them from the team view', async ({
  browser,
}) => {
  const bea = await signedInPage(browser, 'adjuster2@example.com');
  await bea.goto('/profile');
  const section = bea.getByRole('region', { name: 'Absences' });
  const form = section.getByRole('form', { name: 'Plan an absence' });
  // A refusal names the field: the last day before the first.
  await form.getByLabel('First day off').fill(dateIn(300));
  await form.getByLabel('Last day off').fill(dateIn(298));
  await form.getByRole('button', { name: 'Plan absence' }).click();
  await expect(form.getByText('must be after the start')).toBeVisible();
  await expect(form.getByLabel('Last day off')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Last day off').fill(dateIn(304));
  await form.getByLabel('Delegate', { exact: true }).selectOption({ label: 'Alex Adjuster' });
  await form.getByLabel(/Hand over my open tasks/).check();
  await form.getByLabel('Note (optional)').fill('Parental leave');
  await form.getByRole('button', { name: 'Plan absence' }).click();
  const planned = section.locator('li[data-absence="scheduled"]');
  await expect(planned).toContainText('delegate Alex Adjuster');
  await expect(planned).toContainText('open work handed over');
  await expect(planned).toContainText('Parental leave');
  // An overlapping one is refused.
  await form.getByLabel('First day off').fill(dateIn(302));
  await form.getByLabel('Last day off').fill(dateIn(306));
  await form.getByRole('button', { name: 'Plan absence' }).click();
  await expect(form.getByText('overlaps another absence').first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page: bea })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('section[aria-labelledby="absences-heading"]')
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await planned.getByRole('button', { name: /Cancel/ }).click();
  await expect(section.locator('li[data-absence="cancelled"]')).toHaveCount(1);
  await expect(section.locator('li[data-absence="scheduled"]')).toHaveCount(0);

  // Her supervisor, from the team view, by keyboard.
  const sue = await signedInPage(browser, 'supervisor@example.com');
  await sue.goto('/team');
  const cell = sue.locator('[data-testid="out-of-office"][data-person="Bea Brooks"]');
  await cell.getByText('Absences').focus();
  await sue.keyboard.press('Enter');
  const teamForm = cell.getByRole('form', { name: 'Plan an absence for Bea Brooks' });
  await expect(cell.locator('li[data-absence="cancelled"]')).toHaveCount(1);
  await teamForm.getByLabel('First day off').fill(dateIn(310));
  await teamForm.getByLabel('Last day off').fill(dateIn(311));
  await teamForm.getByRole('button', { name: 'Plan absence' }).click();
  const byLead = cell.locator('li[data-absence="scheduled"]');
  await expect(byLead).toContainText('no delegate');
  await byLead.getByRole('button', { name: /Cancel/ }).click();
  await expect(cell.locator('li[data-absence="scheduled"]')).toHaveCount(0);
  await bea.context().close();
  await sue.context().close();
});
