import { expect, test, type Browser, type Page } from '@playwright/test';
import { signedInAs } from './helpers';

async function openQueue(page: Page, label: RegExp) {
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: label })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
  // Rows of the previous queue stay on screen (dimmed) until the new ones arrive.
  await expect(page.locator('[data-testid="task-list"][aria-busy="true"]')).toHaveCount(0);
}

async function newSignedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signedInAs(page, email);
  return page;
}

test('an adjuster claims from the group queue, reads the story, approves, and the case moves on — without a reload', async ({
  page,
}) => {
  await signedInAs(page, 'adjuster@example.com');
  await openQueue(page, /^Claims adjusters/);
  const row = page.getByTestId('task-row').filter({ hasText: 'Adjuster review' }).first();
  const reference = await row.getAttribute('data-reference');
  expect(reference).toMatch(/^CLM-/);
  await page.screenshot({ path: 'test-results/screenshots/inbox-group-queue.png', fullPage: true });

  await page
    .locator(`[data-testid="task-row"][data-reference="${reference}"]`)
    .getByRole('button', { name: /^Claim/ })
    .click();
  await expect(page.getByRole('status').getByText(`You claimed ${reference}`)).toBeVisible();
  // Group queues show unclaimed work: the claimed task leaves it.
  await expect(page.locator(`[data-reference="${reference}"]`)).toHaveCount(0);

  await openQueue(page, /^My tasks/);
  const mine = page.locator(`[data-testid="task-row"][data-reference="${reference}"]`);
  await expect(mine).toBeVisible();
  await mine.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tasks\//);

  await expect(page.getByTestId('routing-reason')).toContainText('by rule');
  const timeline = page.getByRole('list', { name: 'Case timeline' });
  await expect(timeline.locator('[data-action="case.opened"]')).toBeVisible();
  await expect(timeline.locator('[data-action="task.claimed"]')).toBeVisible();
  await timeline.locator('[data-action="task.created"]').getByText('Show data').first().click();
  await expect(timeline.locator('[data-action="task.created"] pre').first()).toContainText('dueAt');
  await page.screenshot({ path: 'test-results/screenshots/task-screen.png', fullPage: true });

  await page.getByLabel('Approve').check();
  await expect(page.getByLabel(/Payout amount/)).not.toHaveValue('');
  await page.getByRole('button', { name: /^Complete/ }).click();
  await expect(page.getByTestId('task-status')).toHaveText(/^completed/);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.locator(`[data-reference="${reference}"]`)).toHaveCount(0);

  // The case moved on: its payment ran and it closed, as its page says.
  await page.goto('/inbox?queue=mine');
  await expect(page.locator(`[data-reference="${reference}"]`)).toHaveCount(0);
});

test('a new claim from the API is worked to the end: payment issued and case closed', async ({
  page,
  request,
}) => {
  const res = await request.post('/api/v1/cases', {
    headers: { authorization: 'Bearer demo-intake-token', 'idempotency-key': `e2e-${Date.now()}` },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Ada Byron', email: 'ada@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
  });
  expect(res.status()).toBe(201);
  const { case: c } = await res.json();
  await signedInAs(page, 'adjuster@example.com');
  await page.goto(`/tasks/${c.tasks[0].id}`);
  await page.getByRole('button', { name: /^Claim/ }).click();
  await expect(page.getByTestId('task-status')).toHaveText(/claimed · you/);
  await page.getByLabel('Approve').check();
  await page.getByLabel(/Payout amount/).fill('11500');
  await page.getByRole('button', { name: /^Complete/ }).click();
  await expect(page.getByTestId('task-status')).toHaveText(/^completed/);
  await page.getByRole('link', { name: c.reference }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${c.id}`));
  await expect(page.getByText(/closed · approved/)).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Case timeline' });
  await expect(timeline.locator('[data-action="task.completed"]')).toBeVisible();
  await expect(timeline.locator('[data-action="case.closed"]')).toBeVisible();
  await expect(timeline.getByText(/Issue payment: Payment PAY-/)).toBeVisible();
});

test('two people race to claim the same task: one gets it, the other is told who has it', async ({
  browser,
  request,
}) => {
  const res = await request.post('/api/v1/cases', {
    headers: { authorization: 'Bearer demo-intake-token', 'idempotency-key': `race-${Date.now()}` },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Race Case', email: 'race@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 9000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
  });
  const taskId = (await res.json()).case.tasks[0].id;
  const [a, b] = await Promise.all([
    newSignedInPage(browser, 'adjuster@example.com'),
    newSignedInPage(browser, 'adjuster2@example.com'),
  ]);
  await Promise.all([a.goto(`/tasks/${taskId}`), b.goto(`/tasks/${taskId}`)]);
  await Promise.all([
    a.getByRole('button', { name: /^Claim/ }).click(),
    b.getByRole('button', { name: /^Claim/ }).click(),
  ]);
  await expect(a.getByTestId('task-status')).toHaveText(/claimed/);
  await expect(b.getByTestId('task-status')).toHaveText(/claimed/);
  const aStatus = await a.getByTestId('task-status').innerText();
  const [winner, loser, winnerName] = aStatus.includes('you')
    ? [a, b, 'Alex Adjuster']
    : [b, a, 'Bea Brooks'];
  await expect(winner.getByTestId('task-status')).toHaveText('claimed · you');
  await expect(loser.getByTestId('task-notice')).toContainText(`Already claimed by ${winnerName}`);
  await expect(loser.getByTestId('task-status')).toHaveText(`claimed · ${winnerName}`);
  await Promise.all([a.context().close(), b.context().close()]);
});

test('a stale completion is refused with a clear message and a fresh view', async ({
  browser,
  request,
}) => {
  const res = await request.post('/api/v1/cases', {
    headers: {
      authorization: 'Bearer demo-intake-token',
      'idempotency-key': `stale-${Date.now()}`,
    },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Stale View', email: 'stale@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 8000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
  });
  const taskId = (await res.json()).case.tasks[0].id;
  const adjuster = await newSignedInPage(browser, 'adjuster@example.com');
  // A view that has not heard of the change yet: without the event stream (push would show the
  // reassignment at once, push.spec covers that), as when the stream is down or lagging.
  await adjuster.route('**/api/events', (r) => r.abort());
  await adjuster.goto(`/tasks/${taskId}`);
  await adjuster.getByRole('button', { name: /^Claim/ }).click();
  await expect(adjuster.getByTestId('task-status')).toHaveText('claimed · you');
  await adjuster.getByLabel('Deny').check();
  await adjuster.getByLabel(/Reason/).fill('Not covered');

  // Meanwhile the supervisor gives the task to someone else.
  const supervisor = await newSignedInPage(browser, 'supervisor@example.com');
  const users = await supervisor.request.get(`/api/tasks/${taskId}`);
  expect(users.status()).toBe(200);
  const bea = await supervisor.request.post(`/api/tasks/${taskId}/reassign`, {
    data: {
      toUserId: await userId(supervisor, 'adjuster2@example.com', taskId),
      reason: 'Bea knows this claimant',
    },
  });
  expect(bea.status()).toBe(200);

  await adjuster.getByRole('button', { name: /^Complete/ }).click();
  await expect(adjuster.getByTestId('task-notice')).toContainText(/changed/);
  await expect(adjuster.getByTestId('task-status')).toHaveText('claimed · Bea Brooks');
  await expect(adjuster.getByRole('form', { name: 'Decision form' })).toHaveCount(0);
  await Promise.all([adjuster.context().close(), supervisor.context().close()]);
});

test('the group queue refreshes by itself when a colleague claims a task', async ({
  browser,
  request,
}) => {
  const res = await request.post('/api/v1/cases', {
    headers: { authorization: 'Bearer demo-intake-token', 'idempotency-key': `live-${Date.now()}` },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Live Update', email: 'live@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 7000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
  });
  const c = (await res.json()).case;
  const watcher = await newSignedInPage(browser, 'adjuster@example.com');
  await openQueue(watcher, /^Claims adjusters/);
  await watcher.getByRole('searchbox', { name: /Search/ }).fill('Live Update');
  await expect(watcher.locator(`[data-reference="${c.reference}"]`)).toBeVisible();
  const colleague = await newSignedInPage(browser, 'adjuster2@example.com');
  const claim = await colleague.request.post(`/api/tasks/${c.tasks[0].id}/claim`, { data: {} });
  expect(claim.status()).toBe(200);
  await expect(watcher.locator(`[data-reference="${c.reference}"]`)).toHaveCount(0, {
    timeout: 8_000,
  });
  await Promise.all([watcher.context().close(), colleague.context().close()]);
});

/** A user's id as the supervisor can see it: from the assignee of a task they can read, or the task's group members. */
async function userId(page: Page, email: string, taskId: string): Promise<string> {
  const res = await page.request.get(`/api/tasks/${taskId}`);
  const body = await res.json();
  const found = body.tasks.find((t: { assigneeEmail: string | null }) => t.assigneeEmail === email);
  if (found) return found.task.assigneeId;
  const people = await page.request.get(`/api/groups/${body.task.task.candidateGroupId}/members`);
  const list = (await people.json()).members as { id: string; email: string }[];
  return list.find((m) => m.email === email)!.id;
}
