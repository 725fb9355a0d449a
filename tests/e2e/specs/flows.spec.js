// The admin flows of the help text, each ending in the backend state it promises.
import { test, expect, reset, expectNoAxeViolations, putSettings, saveAndApply, shownKey } from './support.js';

const KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const OTHER_DOMAIN_KEY = 'OtherDomainKey0123456789abcdefghijklmnop';

const settings = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());
const overview = (request) => request.get('/api/v1/security/mobile').then((r) => r.json());
const audit = (request) => request.get('/api/v1/security/mobile/mdm-sync/audit?limit=10').then((r) => r.json());

async function open(page, request, state) {
  await reset(request, state);
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeVisible();
}

async function mobileSecurityStatus(page) {
  await page.goto('/security/mobile');
  const advanced = page.getByRole('button', { name: 'Advanced' });
  // The page opens Advanced by itself while sync is in use.
  if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
  return page.getByRole('region', { name: '3rd-party MDM sync' });
}

test('turn on with an auto key, then Apply', async ({ page, request }) => {
  await open(page, request);
  const sync = page.getByRole('switch', { name: '3rd-party MDM sync' });
  await sync.click();
  const precautions = page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' });
  await expect(precautions).toContainText('within 10 minutes');
  await expect(precautions).toContainText('3 exception settings of LINE WORKS MDM will be deleted');
  await expect(precautions).toContainText('Managed App Configuration');
  await expect(precautions).toContainText('Android Enterprise');
  await expect(precautions).toContainText('cannot be used together with LINE WORKS MDM');
  await expect(precautions.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page);
  await precautions.getByRole('button', { name: 'OK' }).click();
  await expect(sync).toHaveAttribute('aria-checked', 'true');
  await expect(sync).toBeFocused();
  const key = await shownKey(page);
  expect(key).toMatch(/^[A-Za-z0-9]{40}$/);

  await saveAndApply(page, [
    '1,024 members will be signed out',
    '3 exception settings',
    'LINE WORKS MDM will be turned off',
    'LineworksAuthCode',
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'being signed out' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  const saved = await settings(request);
  expect(saved).toMatchObject({ enabled: true, keyMode: 'auto', keyValue: key });
  expect(Date.parse(saved.logoutDeadline) - Date.now()).toBeGreaterThan(9 * 60 * 1000);
  expect((await overview(request)).lineworksMdm).toEqual({ enabled: false, exceptionCount: 0 });
  const events = (await audit(request)).events;
  expect(events[0].action).toBe('enabled');
  expect(events[0].keyFingerprint).toBeTruthy();
  expect(JSON.stringify(events)).not.toContain(key);
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Turned on');
  await expect((await mobileSecurityStatus(page)).getByText('In use')).toBeVisible();
});

test('turn on, then Cancel (or Escape) in the precautions leaves it off', async ({ page, request }) => {
  await open(page, request);
  const sync = page.getByRole('switch', { name: '3rd-party MDM sync' });
  await sync.click();
  await page
    .getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await expect(sync).toHaveAttribute('aria-checked', 'false');
  await expect(sync).toBeFocused();
  await sync.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(sync).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  expect((await settings(request)).enabled).toBe(false);
  await expect((await mobileSecurityStatus(page)).getByText('Not in use')).toBeVisible();
});

test('Re-issue, then save: the new key replaces the old one', async ({ page, request }) => {
  await open(page, request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY },
  });
  await page.getByRole('button', { name: 'Re-issue' }).click();
  const key = await shownKey(page);
  await saveAndApply(page, ['1,024 members will be signed out', 'Update the App Configuration']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await settings(request)).keyValue).toBe(key);
  expect((await audit(request)).events[0].action).toBe('key_reissued');
  await expect((await mobileSecurityStatus(page)).getByText('In use')).toBeVisible();
});

test('switch to a custom value, then save', async ({ page, request }) => {
  await open(page, request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY },
  });
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value' }).fill('Nimbus-Group-Shared-Key-2026');
  await saveAndApply(page, ['1,024 members will be signed out']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await settings(request)).toMatchObject({ keyMode: 'custom', keyValue: 'Nimbus-Group-Shared-Key-2026' });
  expect((await audit(request)).events[0].action).toBe('key_changed');
  await expect((await mobileSecurityStatus(page)).getByText('In use')).toBeVisible();
});

test("restricting with another domain's key is refused at the key, and the draft is kept", async ({
  page,
  request,
}) => {
  await open(page, request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: OTHER_DOMAIN_KEY },
    otherDomainKeys: [OTHER_DOMAIN_KEY],
  });
  const restrict = page.getByRole('checkbox', { name: 'Restrict login with other domain account' });
  await restrict.check();
  await saveAndApply(page, ['Accounts of other domains']);
  const box = page.getByRole('textbox', { name: 'Key value' });
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#mdm-key-error')).toContainText('Another domain already uses this key value');
  await expect(page.getByRole('alert')).toContainText('not saved');
  await expect(restrict).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
  expect((await settings(request)).restrictOtherDomains).toBe(false);

  await page.getByRole('textbox', { name: 'Key value' }).fill('Our-Own-Unique-Key-2026');
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await settings(request)).toMatchObject({ restrictOtherDomains: true, keyValue: 'Our-Own-Unique-Key-2026' });
  const status = await mobileSecurityStatus(page);
  await expect(status.getByText('In use')).toBeVisible();
  await expect(status.getByText('Login with other domain accounts is restricted.')).toBeVisible();
});

test('turn off, then save: the App Configuration stays on devices', async ({ page, request }) => {
  await open(page, request, { mdmSync: { enabled: true, restrictOtherDomains: true, keyMode: 'auto', keyValue: KEY } });
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await saveAndApply(page, ['stays on them until you remove it']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await settings(request)).enabled).toBe(false);
  expect((await audit(request)).events[0].action).toBe('disabled');
  await expect((await mobileSecurityStatus(page)).getByText('Not in use')).toBeVisible();
});

test('the free plan: controls disabled, with the reason; the server refuses too', async ({ page, request }) => {
  await open(page, request, { plan: 'free' });
  await expect(page.getByText('available on the Standard and Advanced plans')).toBeVisible();
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Restrict login with other domain account' })).toBeDisabled();
  await expect(page.getByRole('radio', { name: 'Custom value' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expectNoAxeViolations(page);
  const answer = await putSettings(
    request,
    { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY },
    'e2e-free-plan-000001'
  );
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error.code).toBe('plan_not_eligible');
  expect((await settings(request)).enabled).toBe(false);
  await expect((await mobileSecurityStatus(page)).getByText('Not in use')).toBeVisible();
});

test('leaving with unsaved changes asks first', async ({ page, request }) => {
  await open(page, request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY },
  });
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  const asked = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Back to Mobile Security' }).click();
  await expect(page).toHaveURL(/mdm-sync$/);
  expect(asked[0]).toContain('unsaved changes');
  await expect(page.getByRole('checkbox', { name: 'Restrict login with other domain account' })).toBeChecked();

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('link', { name: 'Back to Mobile Security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();

  await page.goto('/security/mobile/mdm-sync');
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  const unload = new Promise((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      dialog.accept();
    })
  );
  await page.close({ runBeforeUnload: true });
  expect(await unload).toBe('beforeunload');
});

test('a failed save keeps every choice and Retry applies it once', async ({ page, request }) => {
  await open(page, request, {
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: KEY },
  });
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  await request.post('/__mock/faults', {
    data: { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 500 },
  });
  await saveAndApply(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was changed');
  await expect(page.getByRole('checkbox', { name: 'Restrict login with other domain account' })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await settings(request)).restrictOtherDomains).toBe(true);
  expect((await audit(request)).events.filter((e) => e.action === 'restrict_on')).toHaveLength(1);
});

test('the whole turn-on flow works by keyboard alone', async ({ page, request }) => {
  await open(page, request);
  const sync = page.getByRole('switch', { name: '3rd-party MDM sync' });
  await sync.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' })).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'OK' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sync).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Apply these changes?' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await settings(request)).enabled).toBe(true);
});
