import { expect, test, type Page } from '@playwright/test';
import { openClaimViaApi, signedInAs } from './helpers';

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /Search/ });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const rows = (page: Page) => page.getByTestId('task-row');
const chips = (page: Page) => page.getByRole('group', { name: 'Active filters' });
const emptyState = (page: Page) => page.getByTestId('inbox-empty');

async function openQueue(page: Page, label: RegExp) {
  await page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: label })
    .click();
  await expect(heading(page)).toHaveText(label);
}

/** Presses Tab until the button named `name` has focus: it is reachable by keyboard. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Letters only, so the claimant's surname is one word nobody else has. */
const uniqueSurname = () =>
  `Ostrova${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

test('a surname finds the seed’s claimants in the queue, whatever its case', async ({ page }) => {
  await signedInAs(page, 'adjuster@example.com');
  await openQueue(page, /^Claims adjusters/);
  // Claimed work too: the seed has an Ivanova waiting in the queue and one claimed by Alex.
  await page.getByLabel('Status', { exact: true }).selectOption('open');
  await searchBox(page).fill('ivanova');
  await expect(page).toHaveURL(/q=ivanova/);
  await expect(rows(page).filter({ hasNotText: 'Ivanova' })).toHaveCount(0);
  await expect(rows(page).filter({ hasText: 'Ivanova' }).first()).toBeVisible();
  await expect(chips(page).getByText('Search: “ivanova”')).toBeVisible();
});

test('an empty search names the queue and the words, and widens to every queue', async ({
  page,
}) => {
  const surname = uniqueSurname();
  const claim = await openClaimViaApi(page.request, {
    damageEstimate: 9000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: `Mila ${surname}`,
  });
  await signedInAs(page, 'adjuster@example.com');
  await expect(heading(page)).toHaveText(/^My tasks/);
  const words = surname.toLowerCase();
  await searchBox(page).fill(words);
  await expect(emptyState(page)).toHaveText(
    new RegExp(`^No tasks in My tasks match “${words}”\\.`),
  );
  await expect(page.getByText('Nothing assigned to you')).toHaveCount(0);

  await page.getByRole('button', { name: `Search all your queues for “${words}”` }).click();
  await expect(heading(page)).toHaveText('All your queues');
  await expect(page.locator(`[data-reference="${claim.reference}"]`)).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/queue=all/);
});

test('filters stay visible across queues; chips and Clear filters remove them by keyboard', async ({
  page,
}) => {
  const surname = uniqueSurname();
  const claim = await openClaimViaApi(page.request, {
    damageEstimate: 9100,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: `Mila ${surname}`,
  });
  const row = page.locator(`[data-reference="${claim.reference}"]`);
  await signedInAs(page, 'adjuster@example.com');
  await openQueue(page, /^Claims adjusters/);
  await searchBox(page).fill(surname);
  await expect(row).toBeVisible();
  // A new claim is normal priority: an "urgent" filter hides it, and says so.
  await page.getByLabel('Priority', { exact: true }).selectOption('urgent');
  await expect(emptyState(page)).toContainText(
    `No tasks in Claims adjusters match “${surname}” with these filters.`,
  );

  // Another queue: search and filter stay, in sight as chips and in the filter itself.
  await openQueue(page, /^My tasks/);
  await expect(chips(page).getByText(`Search: “${surname}”`)).toBeVisible();
  await expect(chips(page).getByText('Priority: urgent')).toBeVisible();
  await expect(page.getByLabel('Priority', { exact: true })).toHaveValue('urgent');
  await expect(emptyState(page)).toContainText(`No tasks in My tasks match “${surname}”`);

  // Back to the group queue; removing the priority chip by keyboard brings the claim back.
  await openQueue(page, /^Claims adjusters/);
  await searchBox(page).focus();
  await tabTo(page, 'Remove Priority: urgent');
  await page.keyboard.press('Enter');
  await expect(row).toBeVisible();
  await expect(page.getByLabel('Priority', { exact: true })).toHaveValue('');
  await expect(chips(page).getByText('Priority: urgent')).toHaveCount(0);

  // Clear filters, by keyboard, empties the search box and leaves the whole queue.
  await page.getByLabel('Due', { exact: true }).selectOption('on_time');
  await searchBox(page).focus();
  await tabTo(page, 'Clear filters');
  await page.keyboard.press('Enter');
  await expect(searchBox(page)).toHaveValue('');
  await expect(chips(page)).toHaveCount(0);
  await expect(page.getByLabel('Due', { exact: true })).toHaveValue('');
  await expect(heading(page)).toHaveText(/^Claims adjusters/);
  await expect(rows(page).nth(1)).toBeVisible();
  await expect(page).not.toHaveURL(/[?&](q|due|priority)=/);
});

test('"Nothing assigned to you" only when nothing narrows My tasks', async ({ page }) => {
  // Ian Intake has no task of his own in the demo.
  await signedInAs(page, 'intake@example.com');
  await expect(emptyState(page)).toHaveText(/^Nothing assigned to you\./);
  await searchBox(page).fill('zzzz');
  await expect(emptyState(page)).toHaveText(/^No tasks in My tasks match “zzzz”\./);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(emptyState(page)).toHaveText(/^Nothing assigned to you\./);
});
