import { expect, test } from '@playwright/test';

test('the home page reports the system operational on a migrated, seeded database', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: { reachable: true }, migrations: { current: true } });

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Human tasks, with the whole case in view');
  await expect(page.getByTestId('health-status')).toHaveText('Operational');
  await page.screenshot({ path: 'test-results/screenshots/home.png', fullPage: true });
});
