import { expect, test, type Browser } from '@playwright/test';
import { openClaimViaApi, readCaseViaApi, signedInAs } from './helpers';

/** A claim of our own for the Claims adjusters queue (payout 11,500: "Adjuster review"). */
const adjusterClaim = {
  damageEstimate: 12000,
  deductible: 500,
  coverageLimit: 100000,
  fraudScore: 0.1,
};

async function signedInPage(browser: Browser, email: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signedInAs(page, email);
  return { ctx, page };
}

test('a supervisor releases the task an adjuster has open: within seconds the adjuster sees who, when and why, and is notified', async ({
  browser,
  request,
}) => {
  const c = await openClaimViaApi(request, { ...adjusterClaim, claimant: 'Rosa Release' });
  const adj = await signedInPage(browser, 'adjuster@example.com');
  await adj.page.goto(`/tasks/${c.firstTaskId}`);
  await adj.page.getByRole('button', { name: /^Claim/ }).click();
  await expect(adj.page.getByTestId('task-status')).toHaveText('claimed · you');
  await expect(adj.page.getByRole('button', { name: /Complete/ })).toBeVisible();

  const sup = await signedInPage(browser, 'supervisor@example.com');
  await sup.page.goto(`/tasks/${c.firstTaskId}`);
  await sup.page.getByRole('button', { name: 'Release…' }).click();
  // No reason, no release: the field says so.
  await sup.page.getByRole('button', { name: 'Release to the queue' }).click();
  await expect(sup.page.getByText('is required when the task is someone else’s')).toBeVisible();
  await sup.page.getByLabel('Reason for releasing').fill('Alex is needed on the storm claims');
  await sup.page.getByRole('button', { name: 'Release to the queue' }).click();
  await expect(sup.page.getByTestId('supervisor-done')).toContainText('Alex Adjuster is told why');
  const released = Date.now();

  // The adjuster did nothing: the page tells them, and the decision is no longer theirs.
  const notice = adj.page.getByTestId('handover-notice');
  await expect(notice).toContainText('Sue Supervisor released this task from you at', {
    timeout: 10_000,
  });
  expect(Date.now() - released).toBeLessThan(10_000);
  await expect(notice).toContainText(': Alex is needed on the storm claims');
  await expect(adj.page.getByTestId('task-status')).toHaveText('ready');
  await expect(adj.page.getByRole('button', { name: /Complete/ })).toHaveCount(0);

  // The bell polls every 10 s.
  await adj.page.getByRole('button', { name: /^Notifications/ }).click();
  const note = adj.page
    .getByRole('dialog', { name: 'Notifications' })
    .getByTestId('notification')
    .filter({ hasText: c.reference });
  await expect(note.first()).toContainText('Sue Supervisor released it to the group queue', {
    timeout: 15_000,
  });
  await expect(note.first()).toContainText('Reason: Alex is needed on the storm claims');

  // The timeline says so too, with the reason.
  await expect(
    sup.page.locator('[data-testid="timeline-event"][data-action="task.released"]').last(),
  ).toContainText('Alex is needed on the storm claims');
  await Promise.all([adj.ctx.close(), sup.ctx.close()]);
});

test('a supervisor reassigns a normal open task from the task page, to a member of its group', async ({
  browser,
  request,
}) => {
  const c = await openClaimViaApi(request, { ...adjusterClaim, claimant: 'Otto Open' });
  const sup = await signedInPage(browser, 'supervisor@example.com');
  await sup.page.goto(`/tasks/${c.firstTaskId}`);
  await expect(sup.page.getByTestId('task-status')).toHaveText('ready');
  await sup.page.getByRole('button', { name: 'Reassign…' }).click();
  const picker = sup.page.getByLabel('New assignee (members of Claims adjusters)');
  await expect(picker.locator('option', { hasText: 'Bea Brooks' })).toHaveCount(1);
  // Only the task's group: nobody from Senior adjusters is offered.
  await expect(picker.locator('option', { hasText: 'Sam Senior' })).toHaveCount(0);
  await picker.selectOption({ label: 'Bea Brooks' });
  await sup.page.getByLabel('Reason for the reassignment').fill('Bea knows this garage');
  await sup.page.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(sup.page.getByTestId('supervisor-done')).toContainText('Reassigned to Bea Brooks');
  await expect(sup.page.getByTestId('task-status')).toHaveText('claimed · Bea Brooks');
  await sup.ctx.close();
});

test('team page: any open task can be picked; a bulk reassignment says beside each task what could not go', async ({
  browser,
  request,
}) => {
  const normal = await openClaimViaApi(request, { ...adjusterClaim, claimant: 'Nora Normal' });
  // A payout far above every threshold other specs may set: "Senior adjuster review" in Senior
  // adjusters, where Bea is not a member.
  const senior = await openClaimViaApi(request, {
    damageEstimate: 400000,
    deductible: 500,
    coverageLimit: 1000000,
    fraudScore: 0.1,
    claimant: 'Sid Senior-Case',
  });
  expect((await readCaseViaApi(request, senior.id)).tasks[0]!.group).toBe('senior-adjusters');
  const sup = await signedInPage(browser, 'supervisor@example.com');
  await sup.page.goto('/team');
  const search = sup.page.getByLabel('Search open work');
  for (const ref of [normal.reference, senior.reference]) {
    await search.fill(ref);
    const row = sup.page.locator(`[data-testid="open-work-row"][data-reference="${ref}"]`);
    await expect(sup.page.getByTestId('open-work-row')).toHaveCount(1);
    await row.getByRole('checkbox').check();
  }
  await expect(sup.page.getByTestId('selected-count')).toHaveText('2 selected');
  const bea = sup.page.getByLabel('Reassign to').locator('option', { hasText: 'Bea Brooks' });
  await expect(bea).toContainText('not in Senior adjusters');
  await sup.page.getByLabel('Reassign to').selectOption((await bea.getAttribute('value')) ?? '');
  await sup.page.getByLabel('Reason', { exact: true }).fill('Spreading the new claims');
  await sup.page.getByRole('button', { name: 'Reassign selected' }).click();
  await expect(sup.page.getByTestId('team-message')).toHaveText(
    '1 task reassigned to Bea Brooks; 1 task could not go (the reason is beside each).',
  );
  const seniorRow = sup.page.locator(
    `[data-testid="open-work-row"][data-reference="${senior.reference}"]`,
  );
  await expect(seniorRow.getByTestId('row-outcome')).toContainText(
    'Not moved: Bea Brooks is not an active member of Senior adjusters',
  );
  await expect(seniorRow.getByRole('checkbox')).toBeChecked();
  await sup.ctx.close();
});

test('out of office: the delegate picker offers the same groups only, and a refusal shows in the person’s row', async ({
  browser,
}) => {
  const sup = await signedInPage(browser, 'supervisor@example.com');
  await sup.page.goto('/team');
  const idOf = (name: string) =>
    sup.page.getByLabel('Held by').locator('option', { hasText: name }).getAttribute('value');
  const [alexId, beaId] = [await idOf('Alex Adjuster'), await idOf('Bea Brooks')];

  // Bea goes out of office: nobody is picked for her, and only Claims adjusters are offered.
  const bea = sup.page.getByTestId('workload-row').filter({ hasText: 'Bea Brooks' });
  try {
    await bea.getByLabel('out of office — Bea Brooks').click();
    const picker = bea.getByLabel('Delegate for Bea Brooks');
    await expect(picker).toHaveValue('');
    await expect(picker.locator('option', { hasText: 'Alex Adjuster' })).toHaveCount(1);
    await expect(picker.locator('option', { hasText: 'Sam Senior' })).toHaveCount(0);
    await picker.selectOption({ label: '→ Alex Adjuster' });
    await expect(bea.getByLabel('Delegate for Bea Brooks')).toHaveValue(alexId ?? '');
  } finally {
    const back = await sup.page.request.post('/api/team/out-of-office', {
      data: { userId: beaId, outOfOffice: false },
    });
    expect(back.status()).toBe(200);
  }

  // The server refuses a delegate from another group (as when the list was stale): the request
  // is changed on its way to ask for Alex as Ian Intake's delegate; nothing is saved.
  await sup.page.reload();
  await sup.page.route('**/api/team/out-of-office', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, delegateId: alexId }) });
  });
  const ian = sup.page.getByTestId('workload-row').filter({ hasText: 'Ian Intake' });
  // A controlled box: it shows what the server saved, so it is clicked, not "checked".
  await ian.getByLabel('out of office — Ian Intake').click();
  const error = ian.getByRole('alert');
  await expect(error).toContainText('Alex Adjuster cannot stand in for Ian Intake');
  await expect(ian.getByLabel('out of office — Ian Intake')).not.toBeChecked();
  await sup.ctx.close();
});
