import { expect, test, type Page } from '@playwright/test';

/**
 * Single sign-on through a real OpenID Connect provider (tests/helpers/oidc-provider.ts, started
 * by playwright.config.ts with the settings scripts/e2e.ts passes): its own login and consent
 * pages, the authorization code flow with PKCE, state and nonce, an account created at the first
 * sign-in (HANDOFF_OIDC_CREATE_USERS=on) and the groups claim mapped to a Handoff group.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
const issuer = process.env.HANDOFF_OIDC_ISSUER ?? '';

test.skip(!issuer, 'single sign-on is not configured (run through scripts/e2e.ts)');

/** The test provider's development pages: any password, the login names the account. */
async function atProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${issuer.replace(/[.]/g, '\\.')}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a person signs in with the company provider by keyboard and lands in their inbox with the mapped queue', async ({
  page,
}) => {
  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  const sso = page.getByRole('link', { name: 'Sign in with Test SSO' });
  await expect(sso).toBeVisible();
  // Password sign-in is still offered beside it.
  await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/sso-signin.png', fullPage: true });
  await sso.focus();
  await page.keyboard.press('Enter');
  await atProvider(page, 'sso-adjuster');
  await expect(page).toHaveURL(`http://localhost:${port}/inbox`);
  await expect(page.getByTestId('current-user')).toContainText('Sasha Single-Sign-On');
  // claims-team → claims-adjusters: the group's queue is theirs.
  await expect(
    page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('button', { name: /^Claims adjusters/ }),
  ).toBeVisible();
});

test('opened at 127.0.0.1, single sign-on continues at the address registered with the provider', async ({
  page,
}) => {
  await page.goto(`http://127.0.0.1:${port}/signin`);
  await expect(page.getByText(`continues at localhost:${port}`)).toBeVisible();
  await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
  await atProvider(page, 'sso-adjuster');
  await expect(page).toHaveURL(`http://localhost:${port}/inbox`);
  await expect(page.getByTestId('current-user')).toContainText('Sasha Single-Sign-On');
});

test('an e-mail the provider has not verified is refused, in words, on the sign-in page', async ({
  page,
}) => {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
  await atProvider(page, 'sso-unverified');
  await expect(page).toHaveURL(/\/signin\?error=Sso_email_unverified/);
  // (Next's route announcer is an empty alert too.)
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
    'Your e-mail address is not verified at the sign-in provider. Verify it there, then sign in again.',
  );
  await page.screenshot({ path: 'test-results/e2e/sso-refused.png', fullPage: true });
});
