import { expect, test, type Browser, type APIRequestContext } from '@playwright/test';
import { openClaimViaApi, readCaseViaApi, signedInAs } from './helpers';

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signedInAs(page, email);
  return page;
}

/** The open approval step of a case (the controls open it in the approving group's queue). */
async function approvalTaskId(request: APIRequestContext, caseId: string) {
  const c = await readCaseViaApi(request, caseId);
  const t = c.tasks.find((x) => x.step === 'supervisor-approval' && x.status === 'ready');
  expect(t, 'an open approval task').toBeTruthy();
  return { id: t!.id, group: t!.group };
}

test('an adjuster asks for 60,000 on a 27,700 claim: the form explains it, a senior adjuster approves, the case closes', async ({
  browser,
  request,
}) => {
  const claim = await openClaimViaApi(request, {
    damageEstimate: 28200,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
  });

  const adjuster = await signedInPage(browser, 'adjuster@example.com');
  await adjuster.goto(`/tasks/${claim.firstTaskId}`);
  await adjuster.getByRole('button', { name: /^Claim/ }).click();
  await expect(adjuster.getByTestId('task-status')).toHaveText(/claimed · you/);
  await expect(adjuster.getByTestId('own-limit')).toHaveText(
    'You may approve up to 50,000 (Claims adjusters)',
  );
  const plan = adjuster.getByTestId('payout-plan');
  await expect(plan).toHaveText('Within your authority: the payment is issued.');
  const reason = adjuster.getByLabel('Reason for a different amount');
  await expect(reason).toHaveCount(0);

  await adjuster.getByLabel(/Payout amount/).fill('60000');
  await expect(plan).toHaveText(
    'Above your authority (50,000): this goes to Senior adjusters for approval.',
  );
  await expect(reason).toBeVisible();
  await expect(adjuster.getByText(/differs from the recommended payout \(27,700\)/)).toBeVisible();
  // Without the reason the form refuses, on the field.
  await adjuster.getByRole('button', { name: /^Request approval/ }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('Rental car and towing receipts arrived after the estimate.');
  await adjuster.screenshot({
    path: 'test-results/screenshots/decision-needs-approval.png',
    fullPage: true,
  });
  await adjuster.getByRole('button', { name: /^Request approval/ }).click();
  await expect(adjuster.getByTestId('task-status')).toHaveText(/^completed/);
  await expect(adjuster.getByTestId('task-notice')).toContainText(
    'Sent to Senior adjusters for approval',
  );
  const waiting = await readCaseViaApi(request, claim.id);
  expect(waiting.case.status).not.toBe('closed');
  const approval = await approvalTaskId(request, claim.id);
  expect(approval.group).toBe('senior-adjusters');
  await adjuster.context().close();

  const senior = await signedInPage(browser, 'senior@example.com');
  await senior.goto(`/tasks/${approval.id}`);
  const panel = senior.getByTestId('approval-request');
  await expect(panel.getByTestId('approval-requested')).toHaveText('60,000');
  await expect(panel.getByTestId('approval-recommended')).toHaveText('27,700');
  await expect(panel.getByTestId('approval-difference')).toHaveText('+32,300 +117%');
  await expect(panel.getByTestId('approval-reason')).toHaveText(
    'Rental car and towing receipts arrived after the estimate.',
  );
  await expect(panel.getByTestId('approval-requested-by')).toHaveText(
    'Alex Adjuster, who may approve up to 50,000 (Claims adjusters)',
  );
  await expect(panel.getByTestId('approval-why')).toHaveText(
    'The amount is above their authority (50,000)',
  );
  await expect(panel.getByTestId('approval-group')).toContainText('Senior adjusters');
  await senior.getByRole('button', { name: /^Claim/ }).click();
  await expect(senior.getByTestId('task-status')).toHaveText(/claimed · you/);
  // The approval starts from the amount requested, not the recommendation.
  await expect(senior.getByLabel(/Payout amount/)).toHaveValue('60000');
  await expect(senior.getByTestId('own-limit')).toHaveText(
    'You may approve up to 100,000 (Senior adjusters)',
  );
  await expect(senior.getByTestId('payout-plan')).toHaveText(
    'Within your authority: the payment is issued.',
  );
  await senior.screenshot({
    path: 'test-results/screenshots/approval-request.png',
    fullPage: true,
  });
  await senior.getByRole('button', { name: /^Complete/ }).click();
  await expect(senior.getByTestId('task-status')).toHaveText(/^completed/);

  await expect
    .poll(async () => {
      const c = (await readCaseViaApi(request, claim.id)).case;
      return `${c.status} ${c.resolution}`;
    })
    .toBe('closed approved');
  await senior.getByRole('link', { name: claim.reference }).click();
  await expect(senior.getByText(/closed · approved/)).toBeVisible();
  const timeline = senior.getByRole('list', { name: 'Case timeline' });
  await expect(timeline.locator('[data-action="payout.approval_requested"]')).toContainText(
    'Alex Adjuster asked for approval: 60,000 is above the authority used (Claims adjusters: up to 50,000)',
  );
  await expect(timeline.locator('[data-action="payout.approved"]')).toContainText(
    'Sam Senior approved 60,000',
  );
  await senior.context().close();
});

test('four eyes: the supervisor who decided the senior review is offered no claim of its approval', async ({
  browser,
  request,
}) => {
  const claim = await openClaimViaApi(request, {
    damageEstimate: 71000,
    deductible: 500,
    coverageLimit: 150000,
    fraudScore: 0.1,
  });
  const supervisor = await signedInPage(browser, 'supervisor@example.com');
  // The supervisor supervises Senior adjusters, so may take the senior review.
  await supervisor.goto(`/tasks/${claim.firstTaskId}`);
  await supervisor.getByRole('button', { name: /^Claim/ }).click();
  await expect(supervisor.getByTestId('task-status')).toHaveText(/claimed · you/);
  await expect(supervisor.getByTestId('payout-plan')).toContainText(
    'requires a second approval: this goes to Claims supervisors for approval.',
  );
  await supervisor.getByRole('button', { name: /^Request approval/ }).click();
  await expect(supervisor.getByTestId('task-status')).toHaveText(/^completed/);

  const approval = await approvalTaskId(request, claim.id);
  expect(approval.group).toBe('claims-supervisors');
  await supervisor.goto(`/tasks/${approval.id}`);
  await expect(supervisor.getByTestId('approval-why')).toHaveText(
    'Rule "Payout over 50,000" requires a second approval',
  );
  await expect(supervisor.getByTestId('four-eyes')).toHaveText(
    /^Four eyes: you made an earlier decision on this case/,
  );
  await expect(supervisor.getByRole('button', { name: /^Claim/ })).toHaveCount(0);
  await expect(supervisor.getByRole('form', { name: 'Decision form' })).toHaveCount(0);
  await expect(supervisor.getByTestId('task-status')).toHaveText(/^ready/);
  await supervisor.screenshot({
    path: 'test-results/screenshots/approval-four-eyes.png',
    fullPage: true,
  });
  await supervisor.context().close();
});
