// Two admins at once: every save is based on a version (If-Match), and a stale one is never applied silently.
import { test, expect, reset, saveAndApply, shownKey } from './support.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const restrictBox = (page) => page.getByRole('checkbox', { name: 'Restrict login with other domain account' });
const settings = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());

async function twoAdmins(page, browser, baseURL, request, testInfo) {
  await reset(request, { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY } });
  const { viewport, isMobile, hasTouch, deviceScaleFactor, userAgent } = testInfo.project.use;
  const other = await (
    await browser.newContext({ baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, userAgent })
  ).newPage();
  for (const p of [page, other]) {
    await p.goto('/security/mobile/mdm-sync');
    await expect(p.getByRole('switch', { name: '3rd-party MDM sync' })).toHaveAttribute('aria-checked', 'true');
  }
  // The other admin re-issues the key, while this one restricts logins and saves first.
  await other.getByRole('button', { name: 'Re-issue' }).click();
  const otherKey = await shownKey(other);
  await restrictBox(page).check();
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await saveAndApply(other);
  const alert = other.getByRole('alert');
  await expect(alert).toContainText('Mina Park changed these settings at');
  await expect(alert).toContainText('after you opened them: Restricted login with other domain accounts.');
  await expect(other.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
  expect(await shownKey(other)).toBe(otherKey);
  expect(await settings(request)).toMatchObject({ restrictOtherDomains: true, keyValue: KEY });
  return { other, otherKey, alert };
}

test("Keep my changes: both admins' changes end up saved, neither silently lost", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  const { other, otherKey, alert } = await twoAdmins(page, browser, baseURL, request, testInfo);
  await alert.getByRole('button', { name: 'Keep my changes' }).click();
  await expect(restrictBox(other)).toBeChecked();
  expect(await shownKey(other)).toBe(otherKey);
  await saveAndApply(other, ['Update the App Configuration']);
  await expect(other.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await settings(request)).toMatchObject({ restrictOtherDomains: true, keyValue: otherKey });
  const actions = (await (await request.get('/api/v1/security/mobile/mdm-sync/audit?limit=10')).json()).events.map(
    (e) => e.action
  );
  expect(actions.slice(0, 2)).toEqual(['key_reissued', 'restrict_on']);
});

test("Reload: after a confirmation, the other admin's settings replace the draft", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  const { other, alert } = await twoAdmins(page, browser, baseURL, request, testInfo);
  other.once('dialog', (dialog) => dialog.dismiss());
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(alert).toBeVisible();
  other.once('dialog', (dialog) => dialog.accept());
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(other.getByRole('alert')).toHaveCount(0);
  await expect(restrictBox(other)).toBeChecked();
  expect(await shownKey(other)).toBe(KEY);
  await expect(other.getByRole('button', { name: 'Save' })).toBeDisabled();
});

test("a conflict names the other admin's change of enforcement and of the key rotation", async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  await reset(request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY, enforcement: 'enforce' },
  });
  const { viewport, isMobile, hasTouch, deviceScaleFactor, userAgent } = testInfo.project.use;
  const other = await (
    await browser.newContext({ baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, userAgent })
  ).newPage();
  for (const p of [page, other]) {
    await p.goto('/security/mobile/mdm-sync');
    await expect(p.getByRole('radio', { name: /^Monitor only/ })).toBeVisible();
  }
  // This admin re-issues the key with an overlap and switches to Monitor only; the other restricts logins.
  await page.getByRole('radio', { name: /^Monitor only/ }).check();
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await page.getByRole('checkbox', { name: /^Keep the previous key valid/ }).check();
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await restrictBox(other).check();
  await saveAndApply(other);
  const alert = other.getByRole('alert');
  await expect(alert).toContainText('Mina Park changed these settings at');
  await expect(alert).toContainText(
    'after you opened them: Changed the key value; Changed the enforcement; Changed the key rotation.'
  );
});
