import { expect, test, type Page } from '@playwright/test';
import { openClaimViaApi, PASSWORD, signedInAs } from './helpers';

/**
 * Day-one defects a new user met (issue 14): a 404 with no way back, a hydration error and no
 * copy button on the API tokens page, a threshold change that leaves a rule's title stale, and a
 * rule preview that did not name the default queue. Runs before consoles.spec.ts renames the
 * "Payout 5,001–50,000" rule, and saves nothing other specs rely on.
 */

/** Every console error and uncaught exception on the page, hydration mismatches included. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

test('an adjuster meeting a 404 (unknown address, admin page, another group’s task) keeps the navigation and a way back', async ({
  page,
  request,
}) => {
  // A fraud case: its task is in Special investigations, which the adjuster may not see.
  const fraud = await openClaimViaApi(request, {
    damageEstimate: 9000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.95,
    claimant: 'Not Yours',
  });
  await signedInAs(page, 'adjuster@example.com');
  for (const path of ['/no-such-page', '/admin/rules', `/tasks/${fraud.firstTaskId}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    // The signed-in shell stays: the person's navigation and who they are.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toBeVisible();
    await expect(page.getByText('Not Yours')).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Back to your inbox' }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole('navigation', { name: 'Queues' })).toBeVisible();
});

test('the API tokens page logs no error, and a new token is copied with one click', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors, errors.join('\n')).toEqual([]);

  await page.getByLabel('Name').fill(`copy test ${Date.now()}`);
  await page.getByRole('button', { name: 'Create token' }).click();
  const plaintext = (await page.getByTestId('new-token').innerText()).trim();
  expect(plaintext.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByTestId('copy-status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(plaintext);
  await page.waitForLoadState('networkidle');
  expect(errors, errors.join('\n')).toEqual([]);
});

test('a copy without the clipboard API selects the token so Ctrl+C copies it', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin');
  await page.getByLabel('Name').fill(`fallback copy ${Date.now()}`);
  await page.getByRole('button', { name: 'Create token' }).click();
  const plaintext = (await page.getByTestId('new-token').innerText()).trim();
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByTestId('copy-status')).toHaveText(/Copied|Selected/);
  expect(await page.evaluate(() => window.getSelection()?.toString().trim())).toBe(plaintext);
});

test('lowering the 50,000 limit points at the rule whose title still says 50,000', async ({
  page,
}) => {
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/rules');
  const section = page.getByRole('region', { name: 'Thresholds' });
  await section
    .locator('[data-testid="threshold-limit"][data-subject="Claims adjusters"]')
    .getByRole('button', { name: 'Edit Claims adjusters' })
    .click();
  const hint = section.getByTestId('rule-title-hint');
  await expect(hint).toHaveCount(0);
  await section.getByLabel('May approve up to').fill('40,000');
  // Both seeded titles that name the amount: the adjusters' band and the one above it.
  await expect(hint).toHaveText(
    'Routing rules name amounts in their titles: “Payout 5,001–50,000”, “Payout over 50,000” still say 50,000 — rename them?',
  );
  await hint.getByRole('link', { name: 'Payout 5,001–50,000' }).click();
  await expect(page).toHaveURL(/\/admin\/rules#rule-/);
  const card = page.getByTestId('rule').filter({ hasText: 'Payout 5,001–50,000' });
  await expect(card).toBeFocused();
  // Nothing was saved: the limit is still 50,000.
  await page.reload();
  await expect(
    section.locator('[data-testid="threshold-limit"][data-subject="Claims adjusters"]'),
  ).toContainText('may approve up to 50,000');
});

test('the rule preview names the default queue when no rule matches', async ({ page }) => {
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/rules');
  await page.getByRole('button', { name: 'Edit Payout 5,001–50,000' }).click();
  await page.getByRole('checkbox', { name: 'active' }).uncheck();
  await page.getByRole('button', { name: 'Preview on recent cases' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.getByTestId('preview-summary')).toContainText(
    'would have been routed differently',
  );
  await expect(preview.getByRole('table')).toContainText(
    'no rule matched — default queue: Claims adjusters',
  );
  await expect(preview).not.toContainText('no rule (default)');
});

test('the API tokens page hydrates without an error for a viewer whose zone the browser reads differently', async ({
  page,
  browser,
}) => {
  // Node's and Chromium's time-zone data differ for British Columbia from November 2026: the
  // server and the browser wrote different times for the same instant, a hydration error.
  await signedInAs(page, 'admin@example.com');
  const email = `vancouver-${Date.now()}@example.com`;
  const created = await page.request.post('/api/admin/users', {
    data: {
      name: 'Val Vancouver',
      email,
      role: 'admin',
      password: PASSWORD,
      timeZone: 'America/Vancouver',
    },
  });
  expect(created.status()).toBe(201);
  const ctx = await browser.newContext();
  const val = await ctx.newPage();
  const errors = collectErrors(val);
  await signedInAs(val, email);
  await val.goto('/admin');
  await expect(val.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await val.waitForLoadState('networkidle');
  expect(errors, errors.join('\n')).toEqual([]);
  await ctx.close();
});

test('the audit log: a table with headers, task events naming their case, sign-ins only on request, each filter choice once', async ({
  page,
}) => {
  // Signing in is itself a sign-in event.
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/audit');
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText([
    'Time',
    'Who',
    'What',
    'Subject',
    'Details',
  ]);
  await expect(page.locator('[data-testid="audit-row"][data-action="auth.signed_in"]')).toHaveCount(
    0,
  );

  const what = page.getByLabel('What');
  const values = await what
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.length).toBeGreaterThan(5);
  expect(new Set(values).size).toBe(values.length);

  await what.selectOption('task.');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=task\./);
  const taskRow = page.getByTestId('audit-row').first();
  await expect(taskRow.getByTestId('audit-subject').getByRole('link')).toHaveText(
    /^CLM-\d{4}-\d{6}$/,
  );
  const cells = await taskRow.getByRole('cell').allInnerTexts();
  expect(cells).toHaveLength(5);
  expect(cells[0]).toMatch(/^\d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{2}:\d{2}$/);
  await page.screenshot({ path: 'test-results/screenshots/admin-audit-task-events.png' });

  await page.goto('/admin/audit');
  await page.getByLabel('Show sign-ins').check();
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/signIns=1/);
  await expect(
    page.locator('[data-testid="audit-row"][data-action="auth.signed_in"]').first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/admin-audit-sign-ins.png' });
});

test('the inbox status filter lists each status once, in a group queue and in My tasks', async ({
  page,
}) => {
  await signedInAs(page, 'adjuster@example.com');
  const rail = page.getByRole('navigation', { name: 'Queues' });
  for (const queue of [/^My tasks/, /^Claims adjusters/]) {
    await rail.getByRole('button', { name: queue }).click();
    const labels = await page
      .getByRole('combobox', { name: 'Status' })
      .locator('option')
      .allInnerTexts();
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size, labels.join(', ')).toBe(labels.length);
  }
});
