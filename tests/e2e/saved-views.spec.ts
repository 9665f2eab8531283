import { expect, test, type Page } from '@playwright/test';
import { openClaimViaApi, signedInAs } from './helpers';

/**
 * Saved views: a person filters the Claims adjusters queue to payouts of 40,000 or more, saves it
 * as "Big claims", sees it in the rail with the number of tasks it holds, and reopens it later
 * from the rail with exactly those tasks.
 */
const list = (page: Page) => page.getByTestId('task-list');
const rows = (page: Page) => page.getByTestId('task-row');
const settled = (page: Page) =>
  expect(page.locator('[data-testid="task-list"][aria-busy="true"]')).toHaveCount(0);

test('save "Big claims" (payout ≥ 40,000), see its count in the rail, reopen it', async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const big = `Bianca Big ${stamp}`;
  const small = `Sam Small ${stamp}`;
  // Payout 45,500 and 11,500: both "Adjuster review" in Claims adjusters.
  await openClaimViaApi(page.request, {
    damageEstimate: 46000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: big,
  });
  await openClaimViaApi(page.request, {
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: small,
  });

  await signedInAs(page, 'adjuster@example.com');
  const queues = page.getByRole('navigation', { name: 'Queues' });
  await queues.getByRole('button', { name: /^Claims adjusters/ }).click();
  await settled(page);
  await expect(list(page).getByText(small)).toBeVisible();

  // Case-field filters come from the case type's fields, labelled as the definition says.
  await page.getByRole('button', { name: 'Case fields' }).click();
  const panel = page.getByRole('form', { name: 'Case field filters' });
  await panel.getByLabel('Recommended payout at least').fill('40,000');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/cf\.recommendedPayout\.min=40000/);
  await expect(
    page.getByTestId('active-filters').getByText('Recommended payout ≥ 40,000'),
  ).toBeVisible();
  await settled(page);
  await expect(list(page).getByText(big)).toBeVisible();
  await expect(list(page).getByText(small)).toHaveCount(0);
  const shown = await rows(page).count();
  expect(shown).toBeGreaterThan(0);

  // Save it, by keyboard from the name field.
  await page.getByRole('button', { name: 'Save view' }).click();
  const form = page.getByRole('form', { name: 'Save view' });
  await form.getByLabel('View name').fill('Big claims');
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  const view = page
    .getByRole('region', { name: 'Views' })
    .getByRole('button', { name: /^Big claims/ });
  await expect(view).toBeVisible();
  await expect(page.getByTestId('view-count-Big claims')).toHaveText(`${shown} tasks`);
  await expect(view).toHaveAttribute('aria-current', 'page');

  // Elsewhere, then back through the view: only those tasks again.
  await queues.getByRole('button', { name: /^My tasks/ }).click();
  await settled(page);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('active-filters')).toHaveCount(0);
  await view.click();
  await expect(view).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/cf\.recommendedPayout\.min=40000/);
  await settled(page);
  await expect(list(page).getByText(big)).toBeVisible();
  await expect(list(page).getByText(small)).toHaveCount(0);
  await expect(rows(page)).toHaveCount(shown);

  // The same name again is refused, naming the field.
  await page.getByRole('button', { name: 'Save view' }).click();
  await form.getByLabel('View name').fill('big claims');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByText('is already the name of one of your views')).toBeVisible();
  await page.keyboard.press('Escape');

  // Deleted from the rail after a confirm.
  await page.getByRole('button', { name: 'Delete view Big claims' }).click();
  await page
    .getByRole('group', { name: 'Delete Big claims?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(view).toHaveCount(0);
});
