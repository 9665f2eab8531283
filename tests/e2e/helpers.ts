import { expect, type Page } from '@playwright/test';

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
