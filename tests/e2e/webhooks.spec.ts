import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { verifyWebhookSignature } from '../../lib/webhooks/signature';
import { openClaimViaApi, PASSWORD } from './helpers';

type Got = {
  path: string;
  type: string;
  attempt: number;
  body: { task?: { id: string } };
  raw: string;
  signature: string;
};
const got: Got[] = [];
/** Answers per path: /fail answers 500 to its first three requests. */
let failuresLeft = 3;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    got.push({
      path: req.url ?? '',
      type: String(req.headers['handoff-event-type']),
      attempt: Number(req.headers['handoff-delivery-attempt']),
      body: JSON.parse(raw) as Got['body'],
      raw,
      signature: String(req.headers['handoff-signature']),
    });
    if (req.url === '/fail' && failuresLeft > 0) {
      failuresLeft--;
      res.writeHead(500).end('not yet');
      return;
    }
    res.writeHead(200).end('ok');
  });
});
let base = '';

/** Password sign-in (exact labels: the sign-in page also has a form named "Password sign-in"). */
async function signedInAs(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/inbox/);
}
test.beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => {
  server.close();
});

async function subscribe(page: Page, name: string, url: string) {
  await page.goto('/admin/webhooks');
  const form = page.getByRole('form', { name: 'Subscribe a URL' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Receiver URL').fill(url);
  await form.getByRole('checkbox', { name: 'task.completed' }).check();
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole('table', { name: 'Subscriptions' })).toContainText(name);
  return secret;
}

async function completeOne(browser: Browser, claimant: string) {
  const ctx = await browser.newContext();
  const adjuster = await ctx.newPage();
  await signedInAs(adjuster, 'adjuster@example.com');
  const c = await openClaimViaApi(adjuster.request, {
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    claimant,
  });
  const claimed = await adjuster.request.post(`/api/tasks/${c.firstTaskId}/claim`, { data: {} });
  expect(claimed.status(), await claimed.text()).toBe(200);
  const done = await adjuster.request.post(`/api/tasks/${c.firstTaskId}/complete`, {
    data: { outcome: 'deny', data: { reason: 'Duplicate claim' } },
  });
  expect(done.status(), await done.text()).toBe(200);
  await ctx.close();
  return c.firstTaskId;
}

const forTask = (path: string, taskId: string) =>
  got.filter((g) => g.path === path && g.type === 'task.completed' && g.body.task?.id === taskId);

test('an admin subscribes a receiver; a completed task arrives signed; a failing receiver ends in the dead letters and Replay delivers', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signedInAs(page, 'admin@example.com');
  const okSecret = await subscribe(page, 'Claims CRM', `${base}/ok`);
  const failSecret = await subscribe(page, 'Flaky ledger', `${base}/fail`);
  await page.screenshot({ path: 'test-results/screenshots/webhooks.png', fullPage: true });

  const taskId = await completeOne(browser, 'Wendy Webhook');
  await expect.poll(() => forTask('/ok', taskId).length, { timeout: 30_000 }).toBe(1);
  const ok = forTask('/ok', taskId)[0]!;
  expect(verifyWebhookSignature({ header: ok.signature, body: ok.raw, secret: okSecret }).ok).toBe(
    true,
  );
  expect(ok.raw).not.toContain('Wendy Webhook');

  // The flaky receiver answers 500 three times: after the third attempt the delivery is dead.
  await expect.poll(() => forTask('/fail', taskId).length, { timeout: 40_000 }).toBe(3);
  const deadList = page.getByRole('table', { name: 'Dead letters' });
  await expect
    .poll(
      async () => {
        await page.reload();
        return deadList.getByRole('row').filter({ hasText: 'Flaky ledger' }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  const row = deadList.getByRole('row').filter({ hasText: 'Flaky ledger' });
  await expect(row).toContainText('500');
  await page.screenshot({ path: 'test-results/screenshots/webhooks-dead.png', fullPage: true });
  await row.getByRole('button', { name: /^Replay/ }).click();
  await expect.poll(() => forTask('/fail', taskId).length, { timeout: 30_000 }).toBe(4);
  const replayed = forTask('/fail', taskId)[3]!;
  expect(replayed.attempt).toBe(1);
  expect(
    verifyWebhookSignature({ header: replayed.signature, body: replayed.raw, secret: failSecret })
      .ok,
  ).toBe(true);
  await page.reload();
  await expect(deadList.getByRole('row').filter({ hasText: 'Flaky ledger' })).toHaveCount(0);
});

test('an admin rotates a secret by keyboard; for the overlap each delivery is signed with the old and the new secret', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signedInAs(page, 'admin@example.com');
  const old = await subscribe(page, 'Rotating CRM', `${base}/rotating`);
  const subs = page.getByRole('table', { name: 'Subscriptions' });
  await subs.getByRole('button', { name: 'Rotate secret of Rotating CRM' }).click();
  const form = page.getByRole('form', { name: 'Rotate the signing secret of “Rotating CRM”' });
  // Focus starts on the choice; its default keeps the old secret signing for 24 hours.
  const keep = form.getByLabel('The old secret keeps signing for');
  await expect(keep).toBeFocused();
  await expect(keep).toHaveValue('24');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Rotate secret', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  const fresh = (await page.getByTestId('webhook-secret').innerText()).trim();
  expect(fresh).toMatch(/^whsec_/);
  expect(fresh).not.toBe(old);
  const row = subs.getByRole('row').filter({ hasText: 'Rotating CRM' });
  await expect(row).toContainText('Old secret also signs until');
  await expect(row).not.toContainText(fresh);
  await page.screenshot({ path: 'test-results/screenshots/webhooks-rotated.png', fullPage: true });

  const taskId = await completeOne(browser, 'Rita Rotation');
  await expect.poll(() => forTask('/rotating', taskId).length, { timeout: 30_000 }).toBe(1);
  const d = forTask('/rotating', taskId)[0]!;
  expect(d.signature.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
  for (const secret of [old, fresh])
    expect(verifyWebhookSignature({ header: d.signature, body: d.raw, secret }).ok).toBe(true);
});
