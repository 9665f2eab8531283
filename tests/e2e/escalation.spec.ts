import { expect, test } from '@playwright/test';
import { signedInAs } from './helpers';

test('the scheduler escalates the demo task that falls due: the supervisor is notified and sees it in Escalated', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signedInAs(page, 'supervisor@example.com');
  // Only the live scheduler writes escalation notifications (the seed writes none).
  await expect(page.getByTestId('unread-count')).not.toHaveText(/^0/, { timeout: 90_000 });
  await page.getByRole('button', { name: /^Notifications/ }).click();
  const note = page
    .getByRole('dialog', { name: 'Notifications' })
    .getByTestId('notification')
    .filter({ hasText: 'Escalated (level 1)' })
    .first();
  await expect(note).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/notifications.png' });
  await note.getByRole('link').click();
  await expect(page).toHaveURL(/\/tasks\//);
  const escalated = page
    .getByRole('list', { name: 'Case timeline' })
    .locator('[data-action="task.escalated"]')
    .last();
  await expect(escalated).toContainText('Escalated to level 1');
  await expect(escalated).toContainText('system:scheduler');
  await expect(
    page.getByRole('list', { name: 'Case timeline' }).locator('[data-action="task.reminded"]'),
  ).toHaveCount(1);
  const reference = (await page.getByRole('heading', { level: 1 }).innerText())
    .split(' · ')[0]!
    .trim();

  await page.goto('/inbox');
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Escalated/ })
    .click();
  await expect(
    page.locator(`[data-testid="task-row"][data-reference="${reference}"]`),
  ).toBeVisible();
  await expect(
    page.locator(`[data-testid="task-row"][data-reference="${reference}"]`),
  ).toContainText('escalated L1');
  await page.screenshot({ path: 'test-results/screenshots/inbox-escalated.png', fullPage: true });
});
