import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { openClaimViaApi, PASSWORD, readCaseViaApi, signedInAs } from './helpers';

/**
 * Keyboard all the way (issue 14): the journey of "Done means", focus on arrival, shortcuts
 * page-wide and in the `?` overlay, a selection that follows its task, the way back to the
 * inbox view the person left, and rows that open on a click. Every task acted on here is
 * created by this file through the API; the seed's tasks are only looked at.
 */

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signedInAs(page, email);
  return page;
}

const rows = (page: Page) => page.getByTestId('task-row');
const row = (page: Page, reference: string) =>
  page.locator(`[data-testid="task-row"][data-reference="${reference}"]`);
const selectedRow = (page: Page) => page.locator('[data-testid="task-row"][data-selected="true"]');

async function taskIdOf(r: Locator): Promise<string> {
  const href = await r.locator('a[href^="/tasks/"]').getAttribute('href');
  return href!.replace('/tasks/', '');
}

/** Opens the Claims adjusters queue and narrows it to the claims of one test by their claimant. */
async function groupQueueSearch(page: Page, claimant: string, count: number) {
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Claims adjusters/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Claims adjusters/);
  await page.getByRole('searchbox', { name: /Search/ }).fill(claimant);
  await expect(rows(page)).toHaveCount(count);
  await expect(page.locator('[data-testid="task-list"][aria-busy="true"]')).toHaveCount(0);
}

/** Unclaimed claims (routed to Claims adjusters: 5,000 < payout ≤ 50,000) named "<prefix> 1…n". */
async function openClaims(page: Page, prefix: string, n: number) {
  const made = [];
  for (let i = 1; i <= n; i++)
    made.push(
      await openClaimViaApi(page.request, {
        damageEstimate: 9000 + i * 100,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
        claimant: `${prefix} ${i}`,
      }),
    );
  return made;
}

test('keyboard only: sign in, Enter opens the most urgent own task, Ctrl+Enter completes it with the suggested payout', async ({
  browser,
  page,
  request,
}) => {
  // A person whose only own task is one this test makes, so "most urgent" is known.
  const email = `keys-${Date.now()}@example.com`;
  const admin = await signedInPage(browser, 'admin@example.com');
  const groups = (await (await admin.request.get('/api/admin/groups')).json()) as {
    groups: { id: string; key: string }[];
  };
  const adjusters = groups.groups.find((g) => g.key === 'claims-adjusters')!.id;
  const created = await admin.request.post('/api/admin/users', {
    data: { name: 'Kim Keys', email, role: 'adjuster', password: PASSWORD, groupIds: [adjusters] },
  });
  expect(created.status()).toBe(201);
  const userId = ((await created.json()) as { user: { id: string } }).user.id;
  const claim = await openClaimViaApi(request, {
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: 'Keya Journey',
  });
  const kim = await signedInPage(browser, email);
  expect(
    (await kim.request.post(`/api/tasks/${claim.firstTaskId}/claim`, { data: {} })).status(),
  ).toBe(200);
  await kim.context().close();

  const keys: string[] = [];
  const press = async (key: string) => {
    keys.push(key);
    await page.keyboard.press(key);
  };
  await page.goto('/signin');
  await page.waitForLoadState('networkidle');
  // The form: the e-mail field has focus; type, Tab, type.
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await press('Enter');
  await expect(page).toHaveURL(/\/inbox/);
  // Focus is on the first (most urgent) row of My tasks, so the keys work at once.
  const first = rows(page).first();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('data-reference', claim.reference);

  await press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tasks/${claim.firstTaskId}$`));
  // Focus lands on the decision, read out as "Decision for CLM-… · Adjuster review".
  const approve = page.getByRole('radio', { name: /^Approve/ });
  await expect(approve).toBeFocused();
  await expect(approve).toBeChecked();
  await expect(
    page.getByRole('group', { name: `Decision for ${claim.reference} · Adjuster review` }),
  ).toBeVisible();
  await expect(page.getByLabel(/Payout amount/)).toHaveValue('11500');

  await press('Control+Enter');
  await expect(page.getByTestId('task-status')).toHaveText(/^completed/);
  expect(keys).toEqual(['Enter', 'Enter', 'Control+Enter']);
  await expect
    .poll(async () => (await readCaseViaApi(request, claim.id)).case.data.approvedPayout)
    .toBe(11500);

  expect(
    (await admin.request.post(`/api/admin/users/${userId}/deactivate`, { data: {} })).status(),
  ).toBe(200);
  await admin.context().close();
});

test('the selection follows its task when a colleague claims the row above it', async ({
  browser,
}) => {
  const prefix = `Follow${Date.now()}`;
  const page = await signedInPage(browser, 'adjuster@example.com');
  await openClaims(page, prefix, 3);
  await groupQueueSearch(page, prefix, 3);
  const [top, second, third] = await Promise.all(
    [0, 1, 2].map((i) => rows(page).nth(i).getAttribute('data-reference')),
  );
  const topId = await taskIdOf(row(page, top!));

  // Escape leaves the search box and keeps the search.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue(prefix);
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-reference', second!);
  await expect(row(page, second!)).toBeFocused();

  const bea = await signedInPage(browser, 'adjuster2@example.com');
  expect((await bea.request.post(`/api/tasks/${topId}/claim`, { data: {} })).status()).toBe(200);
  await expect(row(page, top!)).toHaveCount(0, { timeout: 10_000 });
  // Still the task the person chose, not the row now at its position.
  await expect(selectedRow(page)).toHaveAttribute('data-reference', second!);
  await expect(row(page, second!)).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByRole('status').getByText(`You claimed ${second}`)).toBeVisible();

  // The claimed task leaves this queue: the row now at its place is selected, and that is said.
  await expect(row(page, second!)).toHaveCount(0);
  await expect(selectedRow(page)).toHaveAttribute('data-reference', third!);
  await expect(
    page.getByText(`${second} left this list; ${third} is selected now.`),
  ).toBeAttached();
  await Promise.all([page.context().close(), bea.context().close()]);
});

test('Esc, u and "← Inbox" return to the same queue, search, sort and selected task; a row opens on a click', async ({
  browser,
}) => {
  const prefix = `Back${Date.now()}`;
  const page = await signedInPage(browser, 'adjuster@example.com');
  await openClaims(page, prefix, 3);
  await groupQueueSearch(page, prefix, 3);
  await page.getByLabel('Sort').selectOption('priority');
  await expect(page).toHaveURL(/sort=priority/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  const chosen = (await selectedRow(page).getAttribute('data-reference'))!;
  const chosenId = await taskIdOf(row(page, chosen));

  const expectBackWhereLeft = async () => {
    await expect(page).toHaveURL(/\/inbox\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('queue')).toMatch(/^group:/);
    expect(url.searchParams.get('q')).toBe(prefix);
    expect(url.searchParams.get('sort')).toBe('priority');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Claims adjusters/);
    await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue(prefix);
    await expect(rows(page)).toHaveCount(3);
    await expect(selectedRow(page)).toHaveAttribute('data-reference', chosen);
    await expect(row(page, chosen)).toBeFocused();
  };

  for (const back of ['Escape', 'u', 'link'] as const) {
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/tasks/${chosenId}$`));
    // Unclaimed: focus is on Claim, the action the person can take.
    await expect(page.getByRole('button', { name: /^Claim/ })).toBeFocused();
    if (back === 'link') await page.getByRole('link', { name: '← Inbox' }).click();
    else await page.keyboard.press(back);
    await expectBackWhereLeft();
  }

  // A click anywhere on a row opens its task; the row's own Claim button still only claims.
  const other = (await rows(page).nth(2).getAttribute('data-reference'))!;
  await row(page, other)
    .getByRole('button', { name: /^Claim/ })
    .click();
  await expect(page.getByRole('status').getByText(`You claimed ${other}`)).toBeVisible();
  await expect(page).toHaveURL(/\/inbox/);
  await row(page, chosen).getByText(`${prefix} `, { exact: false }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${chosenId}$`));
  await page.context().close();
});

test('on a task: focus goes to Claim, then to the decision; 1–3 choose; Ctrl+Enter completes from anywhere but the comment box', async ({
  browser,
}) => {
  const prefix = `Decide${Date.now()}`;
  const page = await signedInPage(browser, 'adjuster@example.com');
  const [claim] = await openClaims(page, prefix, 1);
  await page.goto(`/tasks/${claim!.firstTaskId}`);
  const claimButton = page.getByRole('button', { name: /^Claim/ });
  await expect(claimButton).toBeFocused();
  await page.keyboard.press('c');
  await expect(page.getByTestId('task-status')).toHaveText('claimed · you');
  const approve = page.getByRole('radio', { name: /^Approve/ });
  await expect(approve).toBeFocused();

  await page.keyboard.press('2');
  await expect(page.getByRole('radio', { name: 'Deny' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Deny' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(approve).toBeChecked();
  // Plain Enter on an outcome does not complete.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-status')).toHaveText('claimed · you');

  // Ctrl+Enter in the comment box belongs to the comment, not the decision.
  const comment = page.getByRole('textbox', { name: /comment/i });
  await comment.fill('Checked the photos.');
  await comment.press('Control+Enter');
  await expect(page.getByTestId('task-status')).toHaveText('claimed · you');

  // From anywhere else on the page (here: nothing focused), Ctrl+Enter completes.
  await page.getByRole('heading', { name: 'Timeline' }).click();
  await expect(approve).not.toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('task-status')).toHaveText(/^completed/);
  await page.context().close();
});

test('`?` opens the list of shortcuts as a dialog: focus inside, kept there, Esc closes and returns it', async ({
  page,
}) => {
  await signedInAs(page, 'adjuster@example.com');
  const first = rows(page).first();
  await expect(first).toBeFocused();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const text of [
    'Select the next task',
    'Open the selected task',
    'Claim the selected task',
    'Show these keyboard shortcuts',
  ])
    await expect(dialog.getByText(text)).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Close/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.locator(':focus')).toHaveCount(1);
  // The page's keys rest while the dialog is open.
  await page.keyboard.press('j');
  await expect(first).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(first).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tasks\//);
  await page.getByRole('heading', { name: 'Timeline' }).click();
  await page.keyboard.press('?');
  await expect(dialog.getByText(/Complete the task with the chosen outcome/)).toBeVisible();
  await expect(dialog.getByText(/Back to the inbox/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Esc closed the dialog only; the page stays.
  await expect(page).toHaveURL(/\/tasks\//);
});
