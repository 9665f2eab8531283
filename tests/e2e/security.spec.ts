import { expect, test, type Page, type Response } from '@playwright/test';
import { signedInAs } from './helpers';

/**
 * Every page under the real Content-Security-Policy in real Chromium: the browser reports each
 * blocked script, style, image or connection as a `securitypolicyviolation` event and a console
 * error; there must be none, and the page must still work (it hydrates: a button does something).
 */
type Violation = { directive: string; blocked: string; sample: string };

async function watchViolations(page: Page) {
  const found: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  return async (where: string) => {
    const events = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
    expect([...found, ...events.map((v) => JSON.stringify(v))], where).toEqual([]);
  };
}

function expectSecurityHeaders(res: Response | null, where: string) {
  const h = res!.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
  expect(csp, where).not.toContain('unsafe-eval');
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(h['strict-transport-security'], `${where}: no HSTS over plain HTTP`).toBeUndefined();
}

/** The nonce Next.js put on the page's scripts is the one in this response's policy. */
async function expectNoncedScripts(page: Page, res: Response | null) {
  const nonce = /'nonce-([^']+)'/.exec(res!.headers()['content-security-policy']!)![1];
  const scripts = await page.locator('script').evaluateAll((els) =>
    els.map((e) => ({
      nonce: (e as HTMLScriptElement).nonce,
      src: (e as HTMLScriptElement).src,
    })),
  );
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) if (!s.src) expect(s.nonce).toBe(nonce);
}

test('sign-in page: headers, nonce and no violations', async ({ page }) => {
  const check = await watchViolations(page);
  const res = await page.goto('/signin');
  expectSecurityHeaders(res, '/signin');
  await expectNoncedScripts(page, res);
  await page.getByLabel('E-mail').fill('adjuster@example.com');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('E-mail or password is incorrect.')).toBeVisible();
  await check('/signin');
});

test('adjuster: inbox, task (timeline data, a comment), case, notifications', async ({ page }) => {
  const check = await watchViolations(page);
  await signedInAs(page, 'adjuster@example.com');
  const inbox = await page.goto('/inbox');
  expectSecurityHeaders(inbox, '/inbox');
  await expectNoncedScripts(page, inbox);
  await page.getByRole('button', { name: /^Claims adjusters/ }).click();
  await expect(page).toHaveURL(/queue=group/);
  // Open a task by its address: a click can land on a row the queue switch is replacing.
  const href = await page.locator('main a[href^="/tasks/"]').first().getAttribute('href');
  await page.goto(href!);
  await expect(page).toHaveURL(/\/tasks\//);
  expectSecurityHeaders(await page.reload(), 'task');
  await expect(page.getByRole('list', { name: 'Case timeline' })).toBeVisible();
  await page.getByText('Show data').first().click();
  await page.getByLabel('Add a comment').fill('Checked under the CSP');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(
    page.getByTestId('comment').filter({ hasText: 'Checked under the CSP' }),
  ).toBeVisible();
  await check('task page');
  await page
    .getByRole('link', { name: /CLM-\d{4}-\d{6}/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/cases\//);
  expectSecurityHeaders(await page.reload(), 'case');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page
    .getByRole('button', { name: /Notifications/ })
    .first()
    .click();
  await check('case page and notifications');
});

test('a long timeline shows its latest 50 events and the rest on "Show earlier events"', async ({
  page,
}) => {
  const check = await watchViolations(page);
  await signedInAs(page, 'supervisor@example.com');
  await page.getByRole('button', { name: /^Claims adjusters/ }).click();
  await expect(page).toHaveURL(/queue=group/);
  // Open a task by its address: a click can land on a row the queue switch is replacing.
  const href = await page.locator('main a[href^="/tasks/"]').first().getAttribute('href');
  await page.goto(href!);
  await expect(page).toHaveURL(/\/tasks\//);
  const taskId = new URL(page.url()).pathname.split('/').pop()!;
  const detail = (await (await page.request.get(`/api/tasks/${taskId}`)).json()) as {
    task: { task: { status: string } };
  };
  const ops = detail.task.task.status === 'claimed' ? ['release', 'claim'] : ['claim', 'release'];
  for (let i = 0; i < 30; i++) {
    for (const op of ops) {
      const res = await page.request.post(`/api/tasks/${taskId}/${op}`, { data: {} });
      expect(res.status(), `${op} ${i}: ${await res.text()}`).toBe(200);
    }
  }
  await page.reload();
  const events = page.getByRole('list', { name: 'Case timeline' }).getByTestId('timeline-event');
  await expect(events).toHaveCount(50);
  await page.getByRole('button', { name: 'Show earlier events' }).click();
  // Neither "Show earlier events" nor "Loading earlier events…": everything is there.
  await expect(page.getByRole('button', { name: /earlier events/ })).toHaveCount(0);
  expect(await events.count()).toBeGreaterThan(60);
  await expect(events.first()).toHaveAttribute('data-action', 'case.opened');
  await check('task page with earlier events');
});

test('supervisor: team console with its charts', async ({ page }) => {
  const check = await watchViolations(page);
  await signedInAs(page, 'supervisor@example.com');
  const res = await page.goto('/team');
  expectSecurityHeaders(res, '/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
  await check('/team');
});

test('admin: every console page, and an unknown address', async ({ page }) => {
  const check = await watchViolations(page);
  await signedInAs(page, 'admin@example.com');
  for (const path of ['/admin', '/admin/rules', '/admin/sla', '/admin/users', '/admin/audit']) {
    const res = await page.goto(path);
    expectSecurityHeaders(res, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(path);
  }
  const missing = await page.goto('/no-such-page');
  expect(missing!.status()).toBe(404);
  await check('404 page');
});

test('the app refuses to be framed', async ({ page }) => {
  await page.goto('/signin');
  await page.setContent(`<iframe src="${new URL('/signin', page.url()).href}"></iframe>`);
  const frame = page.frames()[1]!;
  await page.waitForTimeout(500);
  // A blocked frame stays on an empty document (chrome-error://), never our sign-in form.
  expect(await frame.locator('input[name="email"]').count()).toBe(0);
});
