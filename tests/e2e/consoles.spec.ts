import { expect, test } from '@playwright/test';
import { signedInAs } from './helpers';

test('a supervisor bulk-reassigns two escalated tasks, and the new assignee sees them', async ({
  browser,
}) => {
  const supCtx = await browser.newContext();
  const sup = await supCtx.newPage();
  await signedInAs(sup, 'supervisor@example.com');
  await sup.goto('/team');
  await expect(sup.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expect(
    sup.getByTestId('compliance-table').or(sup.getByText('No task was completed in this period.')),
  ).toBeVisible();
  await sup.screenshot({ path: 'test-results/screenshots/team-console.png', fullPage: true });

  // Two escalated tasks not already with Bea.
  const rows = sup
    .getByTestId('attention-row')
    .filter({ hasText: '▲ L1' })
    .filter({ hasText: 'Claims adjusters ·' })
    .filter({ hasNotText: 'Bea Brooks' });
  const refs = [
    await rows.nth(0).getAttribute('data-reference'),
    await rows.nth(1).getAttribute('data-reference'),
  ];
  for (const ref of refs)
    await sup
      .locator(`[data-testid="attention-row"][data-reference="${ref}"]`)
      .getByRole('checkbox')
      .check();
  const bea_ = await sup
    .getByLabel('Reassign to')
    .locator('option', { hasText: 'Bea Brooks' })
    .getAttribute('value');
  await sup.getByLabel('Reassign to').selectOption(bea_);
  await sup.getByLabel('Reason', { exact: true }).fill('Bea has capacity this afternoon');
  await sup.getByRole('button', { name: 'Reassign selected' }).click();
  await expect(sup.getByTestId('team-message')).toHaveText('2 tasks reassigned to Bea Brooks.');
  for (const ref of refs)
    await expect(
      sup.locator(`[data-testid="attention-row"][data-reference="${ref}"]`),
    ).toContainText('Bea Brooks');

  const beaCtx = await browser.newContext();
  const bea = await beaCtx.newPage();
  await signedInAs(bea, 'adjuster2@example.com');
  for (const ref of refs)
    await expect(bea.locator(`[data-testid="task-row"][data-reference="${ref}"]`)).toBeVisible();
  await bea.getByRole('button', { name: /^Notifications/ }).click();
  await expect(
    bea
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(/Sue Supervisor assigned you/)
      .first(),
  ).toBeVisible();
  await Promise.all([supCtx.close(), beaCtx.close()]);
});

test('an admin raises a threshold, previews it, saves it, and a new claim is routed by the new version', async ({
  page,
  request,
}) => {
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin/rules');
  await expect(page.getByTestId('rule')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screenshots/admin-rules.png', fullPage: true });
  await page.getByRole('button', { name: 'Edit Payout 5,001–50,000' }).click();
  await page.getByLabel('Name').fill('Payout 5,001–80,000');
  await page.getByLabel('Value 1').fill('80000');
  await page.getByRole('button', { name: 'Preview on recent cases' }).click();
  await expect(page.getByTestId('preview-summary')).toContainText(
    'would have been routed differently',
  );
  await page.screenshot({
    path: 'test-results/screenshots/admin-rules-preview.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Save new version' }).click();
  await expect(page.getByTestId('rules-message')).toContainText('as version 2');
  await expect(page.getByTestId('rule').filter({ hasText: 'Payout 5,001–80,000' })).toContainText(
    'v2',
  );

  const res = await request.post('/api/v1/cases', {
    headers: {
      authorization: 'Bearer demo-intake-token',
      'idempotency-key': `threshold-${Date.now()}`,
    },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Big Claim', email: 'big@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 70500,
        deductible: 500,
        coverageLimit: 150000,
        fraudScore: 0.1,
      },
    },
  });
  expect(res.status()).toBe(201);
  const { case: c } = await res.json();
  expect(c.tasks[0]).toMatchObject({
    name: 'Adjuster review',
    routing: { ruleName: 'Payout 5,001–80,000', ruleVersion: 2 },
  });

  await page.getByRole('button', { name: 'History of Payout 5,001–80,000' }).click();
  await expect(page.getByRole('list', { name: 'History of Payout 5,001–80,000' })).toContainText(
    'Recommended payout ≤ 50,000',
  );
  await page.goto('/admin/audit?action=rule.');
  await expect(page.getByTestId('audit-row').first()).toContainText('saved as v2');
});

test('an admin creates an adjuster who can sign in and work the Claims adjusters queue; the SLA page shows the policies', async ({
  browser,
}) => {
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signedInAs(admin, 'admin@example.com');
  await admin.goto('/admin/users');
  await expect(admin.getByRole('heading', { name: 'Users and groups', level: 1 })).toBeVisible();
  await admin.getByRole('button', { name: 'New user' }).click();
  const form = admin.getByRole('form', { name: 'New user' });
  await form.getByLabel('Name').fill('Nora New');
  await form.getByLabel('E-mail').fill('nora@example.com');
  await form.getByLabel(/Initial password/).fill('a-long-password-1');
  await form.getByLabel('Claims adjusters').check();
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(admin.locator('tr', { hasText: 'nora@example.com' })).toBeVisible();
  await admin.screenshot({ path: 'test-results/screenshots/admin-users.png', fullPage: true });
  await admin.goto('/admin/sla');
  await expect(admin.getByRole('heading', { name: 'SLA and calendar', level: 1 })).toBeVisible();
  await expect(admin.getByText('Adjuster review: 2 business days').first()).toBeVisible();
  await admin.screenshot({ path: 'test-results/screenshots/admin-sla.png', fullPage: true });

  const noraCtx = await browser.newContext();
  const nora = await noraCtx.newPage();
  await nora.goto('/signin');
  await nora.getByLabel('E-mail').fill('nora@example.com');
  await nora.getByLabel('Password').fill('a-long-password-1');
  await nora.getByRole('button', { name: 'Sign in' }).click();
  await expect(nora).toHaveURL(/\/inbox/);
  await expect(
    nora
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Claims adjusters/ }),
  ).toBeVisible();
  await Promise.all([adminCtx.close(), noraCtx.close()]);
});
