import { expect, test } from '@playwright/test';
import { openClaimViaApi, signedInAs } from './helpers';

/** A claim for the Claims adjusters queue ("Adjuster review", due in 2 business days). */
const adjusterClaim = {
  damageEstimate: 12000,
  deductible: 500,
  coverageLimit: 100000,
  fraudScore: 0.1,
};

test('a supervisor extends a deadline with a reason; the SLA figures show the original and the extended deadline', async ({
  page,
  request,
}) => {
  const c = await openClaimViaApi(request, { ...adjusterClaim, claimant: 'Edna Extension' });
  await signedInAs(page, 'supervisor@example.com');
  await page.goto(`/tasks/${c.firstTaskId}`);
  const header = page.locator('header').filter({ has: page.getByTestId('routing-reason') });
  const slaDue = await header.locator('p time').first().getAttribute('datetime');
  expect(slaDue).toBeTruthy();

  await page.getByRole('button', { name: 'Extend deadline…' }).click();
  const form = page.getByRole('form', { name: 'Extend the deadline' });
  // Without a reason the server names the field (the browser check is bypassed on purpose).
  await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
  // Thirty days on, in the viewer's zone (whatever it is, well after the 2-day deadline).
  const local = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 16);
  await form.getByLabel(/New deadline/).fill(local);
  await form.getByRole('button', { name: 'Extend deadline' }).click();
  await expect(form.getByText('must say why')).toBeVisible();
  await form
    .getByLabel('Reason for the extension')
    .fill('Independent appraiser booked for next month');
  await form.getByRole('button', { name: 'Extend deadline' }).click();
  await expect(page.getByTestId('clock-done')).toContainText('Deadline extended');
  const extended = page.getByTestId('extended-deadline');
  await expect(extended).toContainText('SLA');
  const times = extended.locator('time');
  await expect(times.nth(1)).toHaveAttribute('datetime', slaDue!);
  const newDue = await times.nth(0).getAttribute('datetime');
  expect(new Date(newDue!).getTime()).toBeGreaterThan(new Date(slaDue!).getTime());

  await page.goto('/team');
  const table = page.getByRole('table', { name: 'Extended deadlines' });
  const row = table.getByRole('row').filter({ hasText: c.reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Independent appraiser booked for next month');
  await expect(row).toContainText('supervisor@example.com');
  await expect(row.locator('td').nth(1).locator('time')).toHaveAttribute('datetime', slaDue!);
  await expect(row.locator('td').nth(2).locator('time')).toHaveAttribute('datetime', newDue!);
  await expect(page.getByTestId('met-extended')).toBeVisible();
});
