import { test, expect, expectNoAxeViolations, isPhone } from './support.js';

test.describe('phone menu', () => {
  test.beforeEach(async ({ page }, testInfo) => {
    test.skip(!isPhone(testInfo), 'the drawer exists under 768 px only');
    await page.goto('/security/mobile/mdm-sync');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('the side navigation is hidden until Menu opens it', async ({ page }) => {
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(page.getByRole('link', { name: 'Mobile Security', exact: true })).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const link = page.getByRole('navigation').getByRole('link', { name: 'Mobile Security' });
    await expect(link).toBeVisible();
    await expect(link).toBeFocused();
    await expectNoAxeViolations(page);
  });

  test('Escape closes the drawer and returns focus to Menu', async ({ page }) => {
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Mobile Security' })).toBeHidden();
  });

  test('a tap outside closes the drawer', async ({ page }) => {
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await page.mouse.click(400, 500);
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
  });

  test('choosing a link navigates and closes the drawer', async ({ page }) => {
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await page.getByRole('navigation').getByRole('link', { name: 'Mobile Security' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
  });
});

test('desktops show the side navigation and no Menu button', async ({ page }, testInfo) => {
  test.skip(isPhone(testInfo), 'desktop layout');
  await page.goto('/security/mobile');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Mobile Security' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
});
