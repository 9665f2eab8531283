import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_TOKEN_HEADER, readCaseViaApi, signedInAs } from './helpers';

const run = promisify(execFile);

/** A closed demo case its adjuster approved (not straight through: a person decided it). */
async function closedApprovedCase(request: APIRequestContext) {
  const res = await request.get('/api/v1/cases?status=closed&limit=50', {
    headers: DEMO_TOKEN_HEADER,
  });
  expect(res.status()).toBe(200);
  const { cases } = (await res.json()) as { cases: { id: string; reference: string }[] };
  for (const c of cases) {
    const detail = await readCaseViaApi(request, c.id);
    if (detail.case.resolution === 'approved' && detail.tasks.some((t) => t.status === 'completed'))
      return c;
  }
  throw new Error('no closed, approved demo case with a completed task');
}

/** Runs the offline verifier; its exit code and what it printed. */
async function verifyOffline(file: string) {
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/verify-bundle.ts', file]);
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '' };
  }
}

test('a closed demo case: verified, seen as of its approval, exported and verified offline', async ({
  page,
  request,
}) => {
  const c = await closedApprovedCase(request);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signedInAs(page, 'admin@example.com');
  await page.goto(`/cases/${c.id}`);
  await expect(page.getByTestId('trail-badge')).toHaveText(/Verified ✓/);

  // As of the moment the adjuster approved: the first completed task in the timeline.
  const approval = page.locator('[data-testid="timeline-event"][data-action="task.completed"]');
  await approval
    .first()
    .getByRole('link', { name: /^As of here/ })
    .click();
  await expect(page).toHaveURL(/\/as-of\?event=\d+/);
  const banner = page.getByTestId('as-of-banner');
  await expect(banner).toContainText('You are viewing this case as it stood on');
  await expect(banner).toContainText('read-only');
  // Every event of the demo case is one the view knows.
  await expect(page.getByText('events the rebuilt view does not know')).toHaveCount(0);
  // The data as it was, and the decision task done then, its SLA clock read at that moment.
  await expect(page.getByRole('heading', { name: 'Claim' })).toBeVisible();
  await expect(page.getByText('Policy number')).toBeVisible();
  const done = page.getByTestId('as-of-task').filter({ hasText: /completed .*outcome approve/ });
  await expect(done).toHaveCount(1);
  await expect(done.getByTestId('as-of-sla')).toHaveAttribute('data-sla', /^(met|missed)$/);
  await expect(done).toContainText('Claims adjusters');
  // The case was still open then (paid and closed later), routed by a named rule version.
  await expect(page.getByText(/^Status open/)).toBeVisible();
  await expect(page.getByTestId('as-of-routing')).toContainText(/Rule “[^”]+” version \d+/);
  await expect(page.getByTestId('as-of-routing')).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  // Nothing to act on in a past view.
  await expect(page.getByRole('button', { name: /^(Claim|Complete|Approve)/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/case-as-of.png', fullPage: true });

  // Export the bundle from the case page; the offline verifier accepts it.
  await page.getByRole('link', { name: '← Back to the case now' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export evidence' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`evidence-${c.reference}.json`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-evidence-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const intact = await verifyOffline(file);
  expect(intact.stdout).toMatch(/intact/i);
  expect(intact.code).toBe(0);

  // One byte changed (a digit of the case data) and it is refused.
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('"damageEstimate"');
  expect(at).toBeGreaterThan(0);
  const digit = text.slice(at).search(/\d/) + at;
  const tampered = `${text.slice(0, digit)}${text[digit] === '9' ? '8' : '9'}${text.slice(digit + 1)}`;
  const copy = path.join(dir, 'tampered.json');
  fs.writeFileSync(copy, tampered);
  const broken = await verifyOffline(copy);
  expect(broken.code).toBe(1);
  expect(broken.stdout).not.toMatch(/: intact/i);

  // The print view for people who are not engineers.
  await page.getByRole('link', { name: 'Print view' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${c.id}/evidence$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c.reference);
  await expect(page.getByRole('heading', { name: 'Tasks and decisions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Routing and SLA versions' })).toBeVisible();
  // The scheduler signs checkpoints every tick (a key is configured for these tests).
  await expect(page.getByText('No signed checkpoint covers this case yet')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/evidence-print.png', fullPage: true });
});
