import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

type Row = { id: string; reference: string; fourEyes?: boolean; pausedAt?: string | null };

/** The first ready task the person may take, in the inbox's priority order (priority, then due). */
async function mostUrgentWaiting(page: Page): Promise<Row> {
  const res = await page.request.get('/api/inbox?queue=all&status=ready&sort=priority&limit=100');
  expect(res.ok()).toBe(true);
  const rows = ((await res.json()) as { tasks: Row[] }).tasks;
  const first = rows.find((r) => !r.fourEyes && !r.pausedAt);
  expect(first, 'the demo has ready work for the adjuster').toBeTruthy();
  return first!;
}

test('an adjuster presses n in the inbox and lands on the most urgent waiting task, now theirs', async ({
  page,
}) => {
  await signedInAs(page, 'adjuster@example.com');
  const expected = await mostUrgentWaiting(page);

  // Not while typing: n in the search box is just a letter.
  const search = page.getByLabel('Search by case reference, claimant or policy number');
  await search.focus();
  await page.keyboard.press('n');
  await expect(search).toHaveValue('n');
  await expect(page).toHaveURL(/\/inbox/);
  await search.fill('');
  // Leaving the box applies the emptied search at once (not after the typing pause), so its URL
  // update cannot land after n has opened a task and take the person back to the inbox.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/inbox$/);

  // The overlay tells about it.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog').getByText(/Next: claim and open/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('n');
  await expect(page).toHaveURL(new RegExp(`/tasks/${expected.id}$`));
  await expect(page.getByTestId('task-status')).toHaveText(/claimed · you/);
  await expect(page.getByText(expected.reference).first()).toBeVisible();
});

test('the Next button does the same by mouse', async ({ page }) => {
  await signedInAs(page, 'adjuster2@example.com');
  const expected = await mostUrgentWaiting(page);
  const next = page.getByRole('button', { name: 'Next task' });
  await expect(next).toHaveAttribute('aria-keyshortcuts', 'n');
  await next.click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${expected.id}$`));
  await expect(page.getByTestId('task-status')).toHaveText(/claimed · you/);
});
