import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_TOKEN_HEADER, openClaimViaApi, readCaseViaApi, signedInAs } from './helpers';

// Issue 14: @mentions by name from a list, who will be (and was) notified, the case reference in
// the notification; and a request-information follow-up that says who asked what, and the answer.

/** WCAG 2.x A/AA violations inside one part of the page (the open list, the follow-up box). */
async function axeViolations(page: Page, selector: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .include(selector)
    .analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signedInAs(page, email);
  return page;
}

test('typing @Bea offers Bea Brooks; picked by keyboard, the comment says whom it notifies and the supervisor is told with the case reference', async ({
  browser,
  request,
}) => {
  const claim = await openClaimViaApi(request, {
    damageEstimate: 9500,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: 'Mona Mention',
  });
  const adjuster = await signedInPage(browser, 'adjuster@example.com');
  await adjuster.goto(`/tasks/${claim.firstTaskId}`);
  const box = adjuster.getByLabel('Add a comment');
  await box.click();
  await box.pressSequentially('Could you check the estimate @Bea');
  const list = adjuster.getByRole('listbox', { name: 'People to mention' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('option', { name: /Bea Brooks/, selected: true })).toBeVisible();
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  expect(await axeViolations(adjuster, 'section[aria-labelledby="comments-heading"]')).toEqual([]);
  await adjuster.screenshot({ path: 'test-results/screenshots/mention-list.png', fullPage: true });
  await box.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('Could you check the estimate @Bea Brooks ');
  await expect(adjuster.getByTestId('will-notify')).toHaveText('Will notify: Bea Brooks');

  // "@" lists everyone who can be mentioned; arrows move, Escape closes without leaving the page.
  await box.pressSequentially('and @');
  // (Other specs may add members to the group: only these two are certain.)
  await expect(list.getByRole('option', { name: /^Bea Brooks/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /^Sue Supervisor/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /Alex Adjuster/ })).toHaveCount(0);
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(adjuster).toHaveURL(new RegExp(`/tasks/${claim.firstTaskId}`));
  await box.pressSequentially('S');
  await expect(list.getByRole('option', { name: /Sue Supervisor/, selected: true })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await box.press('Tab');
  await expect(box).toHaveValue('Could you check the estimate @Bea Brooks and @Sue Supervisor ');
  await expect(adjuster.getByTestId('will-notify')).toHaveText(
    'Will notify: Bea Brooks, Sue Supervisor',
  );
  await box.press('Control+Enter');
  await expect(adjuster.getByRole('status').filter({ hasText: 'Comment posted' })).toHaveText(
    'Comment posted. Notified: Bea Brooks, Sue Supervisor.',
  );
  const posted = adjuster.getByTestId('comment').last();
  await expect(posted).toContainText('notified Bea Brooks, Sue Supervisor');
  await adjuster.screenshot({
    path: 'test-results/screenshots/mention-posted.png',
    fullPage: true,
  });
  await expect(posted).toContainText(
    'Could you check the estimate @Bea Brooks and @Sue Supervisor',
  );
  await expect(box).toHaveValue('');

  // A typed handle that names no one is said before sending.
  await box.pressSequentially('cc @nobody ');
  await expect(adjuster.getByTestId('will-notify')).toContainText('Not notified: @nobody');

  const supervisor = await signedInPage(browser, 'supervisor@example.com');
  await supervisor.getByRole('button', { name: /^Notifications/ }).click();
  const note = supervisor.getByRole('dialog', { name: 'Notifications' }).getByRole('link', {
    name: `Alex Adjuster mentioned you on ${claim.reference} · Adjuster review`,
  });
  await expect(note).toBeVisible();
  await note.click();
  await expect(supervisor).toHaveURL(new RegExp(`/tasks/${claim.firstTaskId}`));
  await supervisor.context().close();
  await adjuster.context().close();
});

test('the follow-up of a request for information shows who asked, the question and the answer in words', async ({
  browser,
  request,
}) => {
  const claim = await openClaimViaApi(request, {
    damageEstimate: 8700,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant: 'Finn Followup',
  });
  const adjuster = await signedInPage(browser, 'adjuster@example.com');
  const claimed = await adjuster.request.post(`/api/tasks/${claim.firstTaskId}/claim`, {
    data: {},
  });
  expect(claimed.status(), await claimed.text()).toBe(200);
  const asked = await adjuster.request.post(`/api/tasks/${claim.firstTaskId}/complete`, {
    data: {
      outcome: 'request_information',
      data: { question: 'Which garage repaired the car?' },
    },
  });
  expect(asked.status(), await asked.text()).toBe(200);
  const event = await request.post(`/api/v1/cases/${claim.id}/events`, {
    headers: DEMO_TOKEN_HEADER,
    data: {
      type: 'information_received',
      data: { garageName: 'Miller & Sons', photosAttached: 4 },
    },
  });
  expect(event.status(), await event.text()).toBe(202);
  const followUp = (await readCaseViaApi(request, claim.id)).tasks.find(
    (t) => t.status === 'ready' || t.status === 'claimed',
  );
  expect(followUp, 'an open follow-up task').toBeTruthy();

  await adjuster.goto(`/tasks/${followUp!.id}`);
  const why = adjuster.getByRole('region', { name: 'Why this task exists' });
  await expect(why).toContainText('Asked by');
  await expect(why).toContainText('Alex Adjuster');
  await expect(why).toContainText('“Which garage repaired the car?”');
  await expect(why).toContainText('Garage name');
  await expect(why).toContainText('Miller & Sons');
  await expect(why).toContainText('Photos attached');
  await expect(why).toContainText(/Received \d/);
  await expect(why).toContainText('from Demo intake portal');
  // Neither JSON, nor a raw timestamp, nor the internal event name.
  await expect(why).not.toContainText('{');
  await expect(why).not.toContainText('information_received');
  await expect(why).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
  expect(await axeViolations(adjuster, 'section[aria-labelledby="ctx-heading"]')).toEqual([]);
  await adjuster.screenshot({
    path: 'test-results/screenshots/follow-up-context.png',
    fullPage: true,
  });
  // Sticky follow-up (issue 17): back with the adjuster who asked, and the reason says so.
  await expect(adjuster.getByTestId('routing-reason')).toHaveText(
    'Follow-up: the answer to Alex Adjuster’s question arrived. Kept with Alex Adjuster, who handled the case before.',
  );
  await adjuster.context().close();
});
