import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

const section = (page: Page) => page.getByRole('region', { name: 'Thresholds' });
const limitRow = (page: Page, subject: string) =>
  section(page).locator(`[data-testid="threshold-limit"][data-subject="${subject}"]`);

/** Types an amount into the open editor, previews it with Enter, then saves it with Enter. */
async function previewAndSave(page: Page, amount: string) {
  const field = section(page).getByLabel('May approve up to');
  await field.fill(amount);
  await field.press('Enter');
  await expect(section(page).getByTestId('threshold-preview-summary')).toBeVisible();
  await field.press('Enter');
}

test('an admin lowers a group limit after previewing the open tasks it affects, adds and removes a personal limit, and edits the variance share and the automatic approval limit', async ({
  page,
}) => {
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/rules');
  await expect(section(page).getByRole('heading', { name: 'Thresholds' })).toBeVisible();
  const adjusters = limitRow(page, 'Claims adjusters');
  await expect(adjusters.getByTestId('threshold-words')).toHaveText(
    'Claims adjusters may approve up to 50,000',
  );
  await expect(limitRow(page, 'Claims management')).toContainText(
    'Claims management may approve any amount',
  );
  const version = Number(await adjusters.getAttribute('data-version'));

  // Lower the limit: the preview names the open tasks that would now need approval.
  await adjusters.getByRole('button', { name: 'Edit Claims adjusters' }).click();
  const field = section(page).getByLabel('May approve up to');
  await expect(field).toBeFocused();
  await field.fill('40,000');
  await field.press('Enter');
  const preview = section(page).getByTestId('threshold-preview');
  await expect(preview).toContainText(
    'Claims adjusters may approve up to 50,000 → Claims adjusters may approve up to 40,000',
  );
  await expect(section(page).getByTestId('threshold-preview-summary')).toContainText(
    /would now need approval|No open task would change/,
  );
  await section(page).screenshot({ path: 'test-results/screenshots/admin-thresholds-preview.png' });
  await section(page)
    .getByRole('button', { name: `Save as version ${version + 1}` })
    .click();
  await expect(page.getByTestId('thresholds-message')).toHaveText(
    `Claims adjusters may approve up to 40,000 (version ${version + 1}).`,
  );
  await expect(adjusters.getByTestId('threshold-words')).toHaveText(
    'Claims adjusters may approve up to 40,000',
  );
  await adjusters.getByRole('button', { name: 'History of Claims adjusters' }).click();
  await expect(
    section(page).getByRole('list', { name: 'History of the limit of Claims adjusters' }),
  ).toContainText('Claims adjusters may approve up to 50,000');

  // A personal limit for Sam Senior, then removed again: he falls back to his group.
  await section(page).getByRole('button', { name: 'Add a personal limit…' }).click();
  const pick = section(page).getByLabel('Limit for');
  const sam = await pick.locator('option', { hasText: 'Sam Senior' }).getAttribute('value');
  await pick.selectOption(sam);
  await previewAndSave(page, '75000');
  const samRow = limitRow(page, 'Sam Senior');
  await expect(samRow.getByTestId('threshold-words')).toHaveText(
    'Sam Senior (personal limit) may approve up to 75,000',
  );
  await samRow.getByRole('button', { name: 'Remove Sam Senior (personal limit)' }).click();
  await samRow.getByRole('button', { name: 'Remove it' }).click();
  await expect(samRow.getByTestId('threshold-words')).toHaveText(
    "Sam Senior has no personal limit: their groups' limits apply",
  );

  // The variance share, typed as a percentage.
  await section(page).getByRole('button', { name: 'Edit the variance share' }).click();
  await section(page).getByLabel('Needs a reason above (%)').fill('12.5');
  await section(page).getByLabel('Needs a reason above (%)').press('Enter');
  await expect(section(page).getByTestId('variance-words')).toHaveText(
    'An amount that differs from the recommended payout by more than 12.5% needs a written reason.',
  );

  // The automatic approval limit of straight-through rules, typed as an amount; its history.
  const automatic = section(page).getByTestId('automatic-approval');
  await expect(automatic.getByTestId('automatic-approval-words')).toHaveText(
    'Straight-through rules may pay up to 5,000 with no person involved; above that the case needs an approval.',
  );
  const automaticVersion = Number(await automatic.getAttribute('data-version'));
  await section(page).getByRole('button', { name: 'Edit the automatic approval limit' }).click();
  const limitField = section(page).getByLabel('Pays with no person up to');
  await expect(limitField).toBeFocused();
  await expect(limitField).toHaveValue('5,000');
  await limitField.fill('-5');
  await expect(automatic).toContainText('must be an amount such as 50,000 or 75000.50');
  await expect(
    automatic.getByRole('button', { name: `Save as version ${automaticVersion + 1}` }),
  ).toBeDisabled();
  await limitField.fill('7,500');
  await limitField.press('Enter');
  await expect(page.getByTestId('thresholds-message')).toHaveText(
    `Straight-through rules may pay up to 7,500 with no person involved; above that the case needs an approval (version ${automaticVersion + 1}).`,
  );
  await expect(automatic.getByTestId('automatic-approval-words')).toContainText('up to 7,500');
  await section(page)
    .getByRole('button', { name: 'History of the automatic approval limit' })
    .click();
  await expect(
    section(page).getByRole('list', { name: 'History of the automatic approval limit' }),
  ).toContainText('5,000 → 7,500');
  await section(page).screenshot({ path: 'test-results/screenshots/admin-thresholds.png' });

  // Put the demo's limits back for the tests that follow.
  await adjusters.getByRole('button', { name: 'Edit Claims adjusters' }).click();
  await previewAndSave(page, '50000');
  await expect(adjusters.getByTestId('threshold-words')).toHaveText(
    'Claims adjusters may approve up to 50,000',
  );
  await section(page).getByRole('button', { name: 'Edit the variance share' }).click();
  await section(page).getByLabel('Needs a reason above (%)').fill('10');
  await section(page).getByLabel('Needs a reason above (%)').press('Enter');
  await expect(section(page).getByTestId('variance-words')).toContainText('more than 10%');
  await section(page).getByRole('button', { name: 'Edit the automatic approval limit' }).click();
  await section(page).getByLabel('Pays with no person up to').fill('5000');
  await section(page).getByLabel('Pays with no person up to').press('Enter');
  await expect(automatic.getByTestId('automatic-approval-words')).toContainText('up to 5,000 ');
  await expect(automatic).toHaveAttribute('data-version', String(automaticVersion + 2));
});
