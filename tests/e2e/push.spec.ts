import { expect, test, type Browser, type Page } from '@playwright/test';
import { openClaimViaApi, signedInAs } from './helpers';

// Issue 15: push, not polling. Changes reach open inboxes, task screens and the bell through
// GET /api/events (PostgreSQL LISTEN/NOTIFY, or in-process on PGlite); while the stream is open
// nothing is refetched on a timer.

const figures = { damageEstimate: 9000, deductible: 500, coverageLimit: 100000, fraudScore: 0.1 };
/** Letters only: one word nobody else's claimant has, so the queue shows just this test's cases. */
const uniqueSurname = () =>
  `Pushkova${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

const row = (page: Page, reference: string) =>
  page.locator(`[data-testid="task-row"][data-reference="${reference}"]`);
const live = (page: Page) => page.locator('html[data-live="on"]');
/** Events the page's stream delivered (live-updates.tsx counts them on <html>). */
const pushedEvents = async (page: Page) =>
  Number((await page.locator('html').getAttribute('data-live-events')) ?? 0);

async function groupQueueSearch(browser: Browser, email: string, words: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signedInAs(page, email);
  // The stream opens once the page is hydrated: typing into the search box before that can be
  // lost (it happened under heavy CPU load: the URL never got the query).
  await expect(live(page)).toHaveCount(1);
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Claims adjusters/ })
    .click();
  await page.getByRole('searchbox', { name: /Search/ }).fill(words);
  await expect(page).toHaveURL(new RegExp(`q=${words}`));
  await expect(live(page)).toHaveCount(1);
  return page;
}

/** Counts the page's requests for `path` (a refetch), from now on. */
function countRequests(page: Page, path: string) {
  const seen = { n: 0 };
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === path) seen.n++;
  });
  return seen;
}

test('a claim leaves the colleague’s queue within a second, by push; their task screen and bell follow', async ({
  browser,
  request,
}) => {
  const surname = uniqueSurname();
  const words = surname.toLowerCase();
  const first = await openClaimViaApi(request, { ...figures, claimant: `Pia ${surname}` });
  const alex = await groupQueueSearch(browser, 'adjuster@example.com', words);
  const bea = await groupQueueSearch(browser, 'adjuster2@example.com', words);
  await expect(row(bea, first.reference)).toBeVisible();

  // Idle, the inbox asks for nothing on a timer (it polled every 5 s): every request for it is
  // the answer to a pushed event (the scheduler may change a task of the queue meanwhile).
  const inboxRequests = countRequests(bea, '/api/inbox');
  const eventsBefore = await pushedEvents(bea);
  await bea.waitForTimeout(6_000);
  expect(inboxRequests.n).toBeLessThanOrEqual((await pushedEvents(bea)) - eventsBefore);

  // A new task appears in the open queue without a reload.
  const second = await openClaimViaApi(request, { ...figures, claimant: `Pia ${surname}` });
  await expect(row(bea, second.reference)).toBeVisible();

  // Alex claims: the task leaves Bea's queue within a second.
  await row(alex, first.reference)
    .getByRole('button', { name: /^Claim/ })
    .click();
  await expect(alex.getByRole('status').getByText(`You claimed ${first.reference}`)).toBeVisible();
  await expect(row(bea, first.reference)).toHaveCount(0, { timeout: 1_000 });

  // Bea's open task screen shows Alex's claim.
  const beaTask = await bea.context().newPage();
  await beaTask.goto(`/tasks/${second.firstTaskId}`);
  await expect(beaTask.getByTestId('task-status')).toHaveText(/^ready/);
  await expect(live(beaTask)).toHaveCount(1);
  const detail = (await (await alex.request.get(`/api/tasks/${second.firstTaskId}`)).json()) as {
    task: { task: { version: number } };
  };
  const claimed = await alex.request.post(`/api/tasks/${second.firstTaskId}/claim`, {
    data: { version: detail.task.task.version },
  });
  expect(claimed.status()).toBe(200);
  await expect(beaTask.getByTestId('task-status')).toHaveText(/^claimed · Alex Adjuster/, {
    timeout: 1_000,
  });

  // Alex mentions Bea: her bell counts one more unread notification.
  const unread = Number(/\d+/.exec(await bea.getByTestId('unread-count').innerText())![0]);
  const { people } = (await (
    await alex.request.get(`/api/tasks/${second.firstTaskId}/mentionable`)
  ).json()) as { people: { id: string; email: string }[] };
  const beaId = people.find((p) => p.email === 'adjuster2@example.com')!.id;
  const comment = await alex.request.post(`/api/tasks/${second.firstTaskId}/comments`, {
    data: { body: '@Bea Brooks could you look at the estimate?', mentions: [beaId] },
  });
  expect(comment.status()).toBe(201);
  await expect(bea.getByTestId('unread-count')).toHaveText(new RegExp(`^${unread + 1}\\b`), {
    timeout: 1_000,
  });

  // Still no timer: the inbox refetched only on pushed events.
  expect(inboxRequests.n).toBeLessThanOrEqual((await pushedEvents(bea)) - eventsBefore);
});
