import { test, expect, expectNoAxeViolations, isPhone } from './support.js';

test('the root address opens Mobile Security', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/security\/mobile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
});

test('Mobile Security shows LINE WORKS MDM and, under Advanced, 3rd-party MDM sync', async ({ page }) => {
  await page.goto('/security/mobile');
  await expect(page.getByText('3 exception settings')).toBeVisible();
  await expect(page.getByText('On', { exact: true })).toBeVisible();
  const advanced = page.getByRole('button', { name: 'Advanced' });
  await expect(advanced).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('region', { name: '3rd-party MDM sync' })).toBeHidden();
  await advanced.click();
  await expect(advanced).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: '3rd-party MDM sync' });
  await expect(region.getByText('Not in use')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('Manage opens the settings screen with the saved state', async ({ page }) => {
  await page.goto('/security/mobile');
  await page.getByRole('button', { name: 'Advanced' }).click();
  await page.getByRole('region', { name: '3rd-party MDM sync' }).getByRole('button', { name: 'Manage' }).click();
  await expect(page).toHaveURL(/\/security\/mobile\/mdm-sync$/);
  await expect(page.getByRole('heading', { level: 1, name: '3rd-party MDM sync' })).toBeVisible();
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('checkbox', { name: 'Restrict login with other domain account' })).not.toBeChecked();
  const mode = page.getByRole('radiogroup', { name: 'Key value' });
  await expect(mode.getByRole('radio', { name: 'Auto-generate' })).toBeChecked();
  await expect(mode.getByRole('radio', { name: 'Custom value' })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  const appConfig = page.getByRole('region', { name: 'App Configuration', exact: true });
  await expect(appConfig.getByText('LineworksAuthCode')).toBeVisible();
  await expect(appConfig.getByText('String', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'How sync works' }).getByRole('listitem')).toHaveCount(4);
  await expectNoAxeViolations(page);
});

test('a saved key is shown masked, in the field and in App Configuration', async ({ page, request }) => {
  const key = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
  await request.post('/__mock/reset', {
    data: { mdmSync: { enabled: true, restrictOtherDomains: true, keyMode: 'auto', keyValue: key } },
  });
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('checkbox', { name: 'Restrict login with other domain account' })).toBeChecked();
  const field = page.getByRole('textbox', { name: 'Key value' });
  await expect(field).toHaveValue('•'.repeat(40));
  await expect(field).toHaveAttribute('readonly', '');
  expect(await page.content()).not.toContain(key);
  await expect(
    page.getByRole('region', { name: 'App Configuration', exact: true }).getByText('•'.repeat(40))
  ).toBeVisible();
});

test('an unknown address shows a real not-found page with a way back', async ({ page }) => {
  await page.goto('/security/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Go to Mobile Security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
});

test('the navigation marks the current page', async ({ page }, testInfo) => {
  await page.goto('/security/mobile');
  if (isPhone(testInfo)) await page.getByRole('button', { name: 'Menu' }).click();
  const nav = page.getByRole('navigation');
  await expect(nav.getByText('Security', { exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Mobile Security' })).toHaveAttribute('aria-current', 'page');
});
