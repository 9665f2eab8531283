import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'handoff-demo';

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/signin');
  await fillSignIn(page, email, password);
}

/** Fills the sign-in form already on screen (keeps its callbackUrl). */
export async function fillSignIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signedInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export async function mainNavLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

/** The demo intake token: opens and reads cases through the public API. */
export const DEMO_TOKEN_HEADER = { authorization: 'Bearer demo-intake-token' };

/** Opens an auto claim through the API with these figures; returns the case and its first task. */
export async function openClaimViaApi(
  request: APIRequestContext,
  figures: {
    damageEstimate: number;
    deductible: number;
    coverageLimit: number;
    fraudScore: number;
    claimant?: string;
  },
) {
  const { claimant = 'Grace Hopper', ...rest } = figures;
  const res = await request.post('/api/v1/cases', {
    headers: { ...DEMO_TOKEN_HEADER, 'idempotency-key': `e2e-${Date.now()}-${Math.random()}` },
    data: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: claimant, email: 'claimant@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        ...rest,
      },
    },
  });
  expect(res.status()).toBe(201);
  const { case: c } = (await res.json()) as {
    case: { id: string; reference: string; tasks: { id: string }[] };
  };
  return { id: c.id, reference: c.reference, firstTaskId: c.tasks[0]!.id };
}

export type ApiCase = {
  case: { id: string; status: string; resolution: string | null; data: Record<string, unknown> };
  tasks: { id: string; step: string; status: string; group: string | null }[];
};

/** The case as the API reads it (status, resolution, tasks). */
export async function readCaseViaApi(request: APIRequestContext, caseId: string) {
  const res = await request.get(`/api/v1/cases/${caseId}`, { headers: DEMO_TOKEN_HEADER });
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiCase;
}
