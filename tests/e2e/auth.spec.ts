import { expect, test } from '@playwright/test';
import { fillSignIn, mainNavLinks, signIn, signedInAs } from './helpers';

test('a signed-out visitor is sent to sign-in and comes back to where they were going', async ({
  page,
}) => {
  await page.goto('/inbox?queue=overdue');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await fillSignIn(page, 'adjuster@example.com');
  await expect(page).toHaveURL(/\/inbox\?queue=overdue$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overdue');
  await expect(page.getByRole('button', { name: /^Overdue/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('wrong credentials get one message that does not reveal whether the e-mail exists', async ({
  page,
}) => {
  await signIn(page, 'adjuster2@example.com', 'not-the-password');
  const known = await page.locator('form [role="alert"]').innerText();
  await signIn(page, 'nobody@example.com', 'not-the-password');
  const unknown = await page.locator('form [role="alert"]').innerText();
  expect(known).toBe('E-mail or password is incorrect.');
  expect(unknown).toBe(known);
  await expect(page).toHaveURL(/\/signin/);
});

const worlds: { email: string; nav: string[]; queues: string[]; absentQueues: string[] }[] = [
  {
    email: 'adjuster@example.com',
    nav: ['Inbox'],
    queues: ['My tasks', 'Claims adjusters', 'Overdue'],
    absentQueues: ['Senior adjusters', 'Special investigations', 'Escalated'],
  },
  {
    email: 'adjuster2@example.com',
    nav: ['Inbox'],
    queues: ['My tasks', 'Claims adjusters'],
    absentQueues: ['Senior adjusters', 'Escalated'],
  },
  {
    email: 'senior@example.com',
    nav: ['Inbox'],
    queues: ['My tasks', 'Senior adjusters'],
    absentQueues: ['Claims adjusters', 'Escalated'],
  },
  {
    email: 'siu@example.com',
    nav: ['Inbox'],
    queues: ['My tasks', 'Special investigations'],
    absentQueues: ['Claims adjusters', 'Senior adjusters'],
  },
  {
    email: 'supervisor@example.com',
    nav: ['Inbox', 'Team'],
    queues: [
      'My tasks',
      'Claims adjusters',
      'Senior adjusters',
      'Claims supervisors',
      'Claims intake',
      'Escalated',
    ],
    absentQueues: ['Special investigations'],
  },
  {
    email: 'admin@example.com',
    nav: [
      'Inbox',
      'Team',
      'Rules',
      'SLA & calendar',
      'Users & groups',
      'API tokens',
      'Outbound events',
      'Audit log',
    ],
    queues: [
      'My tasks',
      'Claims adjusters',
      'Senior adjusters',
      'Special investigations',
      'Escalated',
    ],
    absentQueues: [],
  },
];

for (const w of worlds) {
  test(`${w.email} sees their world and nothing more`, async ({ page }) => {
    await signedInAs(page, w.email);
    expect(await mainNavLinks(page)).toEqual(w.nav);
    const queues = page.getByRole('navigation', { name: 'Queues' });
    for (const q of w.queues)
      await expect(queues.getByRole('button', { name: new RegExp(`^${q}`) })).toBeVisible();
    for (const q of w.absentQueues)
      await expect(queues.getByRole('button', { name: new RegExp(`^${q}`) })).toHaveCount(0);
    if (!w.nav.includes('Team')) {
      const res = await page.goto('/team');
      expect(res?.status()).toBe(404);
    }
    if (!w.nav.includes('Rules')) {
      for (const path of ['/admin', '/admin/audit', '/admin/rules', '/admin/sla', '/admin/users'])
        expect((await page.goto(path))?.status(), path).toBe(404);
    }
    await page.goto('/inbox');
    await page.screenshot({
      path: `test-results/screenshots/inbox-${w.email.split('@')[0]}.png`,
      fullPage: true,
    });
  });
}

test('an adjuster cannot open another group’s task by its address', async ({ page, browser }) => {
  // Find a Special investigations task id as SIU, then try it as a claims adjuster.
  const siu = await browser.newPage();
  await signedInAs(siu, 'siu@example.com');
  await siu.goto(`/inbox?queue=${encodeURIComponent('mine')}`);
  await siu
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Special investigations/ })
    .click();
  await expect(siu.locator('[data-testid="task-list"][aria-busy="false"]')).toHaveCount(1);
  const href = await siu
    .getByTestId('task-row')
    .first()
    .getByRole('link', { name: /review/ })
    .getAttribute('href');
  expect(href).toMatch(/^\/tasks\//);
  await siu.close();

  await signedInAs(page, 'adjuster@example.com');
  const res = await page.goto(href!);
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Fraud review')).toHaveCount(0);
  const api = await page.request.get(`/api${href}`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({
    error: { code: 'not_found', message: 'Task was not found.' },
  });
});

test('signing out ends the session', async ({ page }) => {
  await signedInAs(page, 'adjuster@example.com');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/signin/);
});

test('admin creates an API token, sees it once, and it works on the API until revoked', async ({
  page,
  request,
}) => {
  await signedInAs(page, 'admin@example.com');
  await page.goto('/admin');
  await page.getByLabel('Name').fill('E2E reader');
  await page.getByRole('button', { name: 'Create token' }).click();
  const plaintext = (await page.getByTestId('new-token').innerText()).trim();
  expect(plaintext).toMatch(/^hnd_/);
  await page.screenshot({ path: 'test-results/screenshots/admin-tokens.png', fullPage: true });

  const missing = await request.get('/api/v1/cases/00000000-0000-4000-8000-000000000000', {
    headers: { authorization: `Bearer ${plaintext}` },
  });
  expect(missing.status()).toBe(404);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Revoke E2E reader' }).click();
  await expect(page.getByRole('button', { name: 'Revoke E2E reader' })).toHaveCount(0);
  const refused = await request.get('/api/v1/cases/00000000-0000-4000-8000-000000000000', {
    headers: { authorization: `Bearer ${plaintext}` },
  });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthenticated');
});
