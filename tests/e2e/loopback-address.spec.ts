import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../scripts/chromium';
import { fillSignIn } from './helpers';

/**
 * The whole journey at addresses other than the http://localhost:<port> that NEXTAUTH_URL names,
 * as anyone does who opens 127.0.0.1, the "Network:" address or a proxy's host name: signing in
 * lands on that address, claiming and commenting are accepted as same-origin (no 403), and
 * signing out stays there. All traffic goes to this machine's loopback interface.
 */
const port = process.env.E2E_PORT ?? 3210;

async function journey(page: Page, base: string, email: string) {
  const refusals: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.request().method() === 'POST' && r.status() === 403)
      refusals.push(`${r.status()} ${r.url()}`);
  });

  await page.goto(`${base}/inbox`);
  await expect(page).toHaveURL(`${base}/signin?callbackUrl=%2Finbox`);
  await fillSignIn(page, email);
  await expect(page).toHaveURL(`${base}/inbox`);
  await expect(page.getByTestId('current-user')).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Claims adjusters/ })
    .click();
  await expect(page.locator('[data-testid="task-list"][aria-busy="true"]')).toHaveCount(0);
  const row = page.getByTestId('task-row').filter({ hasText: 'Adjuster review' }).first();
  const reference = await row.getAttribute('data-reference');
  await row.locator(`a[href^="/tasks/"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`^${base}/tasks/`));
  await page.getByRole('button', { name: /^Claim/ }).click();
  await expect(page.getByTestId('task-status')).toHaveText(/claimed · you/);

  const text = `Claimed ${reference} at ${new URL(base).hostname}`;
  await page.getByLabel('Add a comment').fill(text);
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByTestId('comment').filter({ hasText: text })).toBeVisible();
  expect(refusals).toEqual([]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${base}/signin`);
}

// The browser also resolves handoff.test to 127.0.0.1: a name that is neither NEXTAUTH_URL nor
// the address the server was started with, like a LAN name or a proxy's host.
test.use({
  launchOptions: {
    executablePath: process.env.E2E_CHROMIUM_PATH || undefined,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP handoff.test 127.0.0.1'],
  },
});

test('sign in, claim, comment and sign out at 127.0.0.1', async ({ page }) => {
  await journey(page, `http://127.0.0.1:${port}`, 'adjuster2@example.com');
});

test('sign in, claim, comment and sign out at a host name of its own (handoff.test)', async ({
  page,
}) => {
  await journey(page, `http://handoff.test:${port}`, 'adjuster@example.com');
});
