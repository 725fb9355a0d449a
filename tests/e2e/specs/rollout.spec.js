// Safe rollout (rollout.md): monitor mode signs nobody out and shows would-be refusals; monitor → enforce states the
// week's numbers; a rotation with an overlap signs nobody out until the clock passes its end; "End overlap now"; the
// Sign-in checks report's filter, paging and CSV; its failure never blocks a save; the key in no report. In English,
// and in Japanese.
import { readFileSync } from 'node:fs';
import {
  test,
  expect,
  reset,
  fault,
  expectNoAxeViolations,
  expectNoAxeViolationsIn,
  catalog,
  fill,
  saveAndApply,
} from './support.js';
import { baseURL, portalURL } from '../playwright.config.js';

const SAVED = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const FLEET = [
  { platform: 'ios', management: 'managed', keyValue: SAVED, count: 40 },
  { platform: 'android', management: 'managed', keyValue: null, count: 12 },
  { platform: 'ios', management: 'unmanaged', keyValue: null, count: 6 },
  { platform: 'android', management: 'android_without_enterprise', keyValue: null, count: 4 },
];
const SETTINGS = '/security/mobile/mdm-sync';

async function advanceClock(request, seconds) {
  const response = await request.post('/__mock/clock', { data: { advanceSeconds: seconds } });
  expect(response.ok()).toBe(true);
}

async function settings(request) {
  return (await request.get('/api/v1/security/mobile/mdm-sync')).json();
}

/** The report's rows as the admin reads them: when, member, device, reason. */
async function reportRows(region) {
  return region
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((c) => c.textContent.trim())));
}

test('monitor only signs nobody out, and the checks show what would have been refused', async ({ page, request }) => {
  await reset(request, { devices: FLEET });
  await page.goto(SETTINGS);
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  const enforcement = page.getByRole('radiogroup', { name: 'Enforcement' });
  await expect(enforcement.getByRole('radio', { name: /^Enforce/ })).toBeChecked();
  await enforcement.getByRole('radio', { name: /^Monitor only/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText('Nobody is signed out by this change.');
  await expect(dialog).toContainText('Monitor only: every sign-in is let through');
  await expect(dialog).not.toContainText('will be signed out of the mobile app');
  // The MDM still needs the key, but nobody is kept out until it has it: the monitor lets every sign-in through.
  await expect(dialog).toContainText(
    'Update the App Configuration (LineworksAuthCode) in your MDM console to this key value.'
  );
  await expect(dialog).not.toContainText('cannot sign in');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  const saved = await settings(request);
  expect([saved.enabled, saved.enforcement, saved.logoutDeadline]).toEqual([true, 'monitor', null]);
  // A day later, the monitor's record.
  await advanceClock(request, 86_400);
  const region = page.getByRole('region', { name: 'Sign-in checks' });
  await region.getByRole('button', { name: 'Refresh' }).click();
  await expect(region).toContainText('sign-ins would have been refused');
  const reasons = (await reportRows(region)).filter((row) => row.length === 4).map((row) => row[3]);
  expect(reasons.length).toBeGreaterThan(0);
  // A new key, which the devices on the old value do not carry yet, besides those with none and the unmanaged.
  expect(
    reasons.every((r) =>
      /^(Another key value on the device|No key value on the device|Device not managed by an MDM|Android outside Android Enterprise)/.test(
        r
      )
    )
  ).toBe(true);
  await expectNoAxeViolations(page);
});

test("monitor → enforce states the week's numbers, then signs everyone out", async ({ page, request }) => {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED, enforcement: 'monitor' },
  });
  await page.goto(SETTINGS);
  await page.getByRole('radio', { name: /^Enforce/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText(/In the last 7 days, [\d,]+ sign-ins by [\d,]+ members would have been refused:/);
  await expect(dialog).toContainText(/No key value on the device: [\d,]+ sign-ins?/);
  await expect(dialog).toContainText('1,024 members will be signed out of the mobile app');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  const saved = await settings(request);
  expect(saved.enforcement).toBe('enforce');
  expect(saved.logoutDeadline).not.toBeNull();
});

test('a new key with a 7-day overlap signs nobody out; past its end the previous key is refused', async ({
  page,
  request,
}) => {
  await reset(request, { devices: FLEET, mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED } });
  await page.goto(SETTINGS);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await page.getByRole('checkbox', { name: /^Keep the previous key valid/ }).check();
  await expect(page.getByRole('combobox', { name: 'Overlap' })).toHaveValue('7 days');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText('Nobody is signed out by this change.');
  await expect(dialog).toContainText('The previous key stays valid until');
  await expect(dialog).toContainText('40 active devices carry only the previous key today');
  // The previous key lets them in meanwhile.
  await expect(dialog).toContainText(
    'Update the App Configuration (LineworksAuthCode) in your MDM console to this key value.'
  );
  await expect(dialog).not.toContainText('cannot sign in');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  const saved = await settings(request);
  expect(saved.logoutDeadline).toBeNull();
  expect(saved.rotation.previousKeyFingerprint).toMatch(/^[0-9a-f]{32}$/);
  expect(JSON.stringify(saved.rotation)).not.toContain(SAVED);
  const rotation = page.getByRole('region', { name: 'Key rotation' });
  await expect(rotation).toContainText('40 active devices still carry only the previous key.');
  await expect(rotation).toContainText('0 active devices carry the new key.');
  await expectNoAxeViolations(page);
  // A minute past the overlap's end: the mock has ended it by itself, and the previous key's devices are being
  // signed out.
  await advanceClock(request, 7 * 86_400 + 60);
  const after = await settings(request);
  expect(after.rotation).toBeNull();
  expect(after.logoutDeadline).not.toBeNull();
  // A day on, the report shows them refused.
  await advanceClock(request, 86_400);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Key rotation' })).toHaveCount(0);
  const checks = page.getByRole('region', { name: 'Sign-in checks' });
  await checks.getByRole('combobox', { name: 'Reason' }).selectOption('previous_key');
  await expect(checks.locator('tbody tr').first()).toContainText('Previous key, after the overlap ended');
});

test('End overlap now, through the Apply dialog', async ({ page, request }) => {
  await reset(request, { devices: FLEET, mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED } });
  await page.goto(SETTINGS);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await page.getByRole('checkbox', { name: /^Keep the previous key valid/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
  const rotation = page.getByRole('region', { name: 'Key rotation' });
  await rotation.getByRole('button', { name: 'End overlap now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText('The previous key stops working now');
  await expect(dialog).toContainText(
    '40 active devices carry only the previous key: they are signed out within 10 minutes.'
  );
  // Cancel lets it go: nothing is left to save.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-disabled', 'true');
  await rotation.getByRole('button', { name: 'End overlap now' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(rotation).toHaveCount(0);
  const saved = await settings(request);
  expect(saved.rotation).toBeNull();
  expect(saved.logoutDeadline).not.toBeNull();
  const audit = await (await request.get('/api/v1/security/mobile/mdm-sync/audit?limit=10')).json();
  expect(audit.events.map((e) => [e.action, e.reason ?? null]).slice(0, 1)).toEqual([
    ['rotation_ended', 'ended_early'],
  ]);
});

test('the report filters, pages, and downloads every row as CSV, with no key in it', async ({ page, request }) => {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED, enforcement: 'monitor' },
  });
  const answers = [];
  page.on('response', async (response) => {
    if (response.url().includes('/mdm-sync/sign-ins')) answers.push(await response.text());
  });
  await page.goto(SETTINGS);
  const region = page.getByRole('region', { name: 'Sign-in checks' });
  await expect(region.getByRole('button', { name: 'Load more' })).toBeVisible();
  const first = (await reportRows(region)).length;
  await region.getByRole('button', { name: 'Load more' }).click();
  await expect.poll(async () => (await reportRows(region)).length).toBeGreaterThan(first);
  await region.getByRole('combobox', { name: 'Reason' }).selectOption('unmanaged');
  await expect
    .poll(async () =>
      (await reportRows(region)).every((row) => row.length !== 4 || row[3].startsWith('Device not managed'))
    )
    .toBe(true);
  await region.getByRole('combobox', { name: 'Period' }).selectOption('1');
  const downloading = page.waitForEvent('download');
  await region.getByRole('button', { name: 'Download CSV' }).click();
  const file = await downloading;
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('at,member_id,member_name,member_email,platform,model,os_version,management,outcome,reason');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toMatch(/,would_refuse,unmanaged$/);
  for (const body of [...answers, text]) expect(body).not.toContain(SAVED);
  await expectNoAxeViolations(page);
});

/** The settings screen in "Monitor only", once the report has come; `loads()` counts the report's loads from then on. */
async function openCountingReportLoads(page, request) {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED, enforcement: 'monitor' },
  });
  let loads = 0;
  page.on('request', (r) => {
    if (r.url().includes('/mdm-sync/sign-ins')) loads += 1;
  });
  await page.goto(SETTINGS);
  await expect(page.getByRole('region', { name: 'Sign-in checks' }).locator('tbody tr').first()).toBeVisible();
  const first = loads;
  return () => loads - first;
}

test('typing a key or choosing loads no report again', async ({ page, request }) => {
  const loads = await openCountingReportLoads(page, request);
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value', exact: true }).pressSequentially('Another-Custom-Key-2026');
  await page.getByRole('radio', { name: /^Enforce/ }).check();
  expect(loads(), 'no report load while the admin types or chooses').toBe(0);
});

test('a save loads the report again, as the settings in force changed', async ({ page, request }) => {
  const loads = await openCountingReportLoads(page, request);
  await page.getByRole('checkbox', { name: /Restrict login/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  await expect.poll(loads).toBe(1);
});

test('a sign-in made while the screen is open shows after Refresh, with the reason the gate gave', async ({
  page,
  request,
}) => {
  await reset(request, { devices: [], mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED } });
  await page.goto(SETTINGS);
  const region = page.getByRole('region', { name: 'Sign-in checks' });
  await expect(region).toContainText('No sign-in was refused in this period.');
  // A phone still on a key from before, and one on the key in force, sign in now.
  const added = await request.post('/__mock/sign-ins', {
    data: [
      { platform: 'android', management: 'managed', keyValue: 'Stale-Key-From-Last-Year' },
      { platform: 'ios', management: 'managed', keyValue: SAVED },
    ],
  });
  expect(added.ok()).toBe(true);
  expect(await added.text()).not.toContain(SAVED);
  await region.getByRole('button', { name: 'Refresh' }).click();
  // The latest checks' rows (the summary's tables have rows of two cells).
  const checks = async () => (await reportRows(region)).filter((row) => row.length === 4);
  await expect.poll(async () => (await checks()).length).toBe(1);
  const [[, , device, reason]] = await checks();
  expect(device).toContain('Android');
  expect(reason).toMatch(/^Another key value on the device/);
});

test('a previous key that another domain uses cannot stay valid under the restriction: said so, and nothing is lost', async ({
  page,
  request,
}) => {
  const OTHER = 'OtherDomainKey0123456789abcdefghijklmnop';
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: OTHER },
    otherDomainKeys: [OTHER],
  });
  await page.goto(SETTINGS);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  const keep = page.getByRole('checkbox', { name: /^Keep the previous key valid/ });
  await keep.check();
  const restrict = page.getByRole('checkbox', { name: 'Restrict login with other domain account' });
  await restrict.check();
  await saveAndApply(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Another domain uses your previous key value');
  await expect(alert).toContainText('Clear “Keep the previous key valid”');
  await expect(keep).toBeChecked();
  await expect(restrict).toBeChecked();
  expect((await settings(request)).restrictOtherDomains).toBe(false);
  await expectNoAxeViolations(page);
  await keep.uncheck();
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const saved = await settings(request);
  expect(saved.restrictOtherDomains).toBe(true);
  expect(saved.rotation).toBeNull();
});

test('failing readiness and sign-in loads never block a save', async ({ page, request }) => {
  await reset(request, { devices: FLEET, mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED } });
  for (const path of ['/api/v1/security/mobile/mdm-sync/readiness', '/api/v1/security/mobile/mdm-sync/sign-ins']) {
    await fault(request, { method: 'GET', path, status: 503, times: 20 });
  }
  await page.goto(SETTINGS);
  await expect(page.getByRole('region', { name: 'Sign-in checks' })).toContainText(
    'Sign-in checks are unavailable right now.'
  );
  await page.getByRole('radio', { name: /^Monitor only/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  expect((await settings(request)).enforcement).toBe('monitor');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test("monitor only and the report, in the admin's words", async ({ page, request }) => {
    const [t, x] = [catalog('ja'), catalog('ja', 'panels')];
    await reset(request, {
      devices: FLEET,
      mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED, enforcement: 'monitor' },
    });
    await page.goto(SETTINGS);
    await expect(
      page
        .getByRole('radiogroup', { name: x.enforcement })
        .getByRole('radio', { name: new RegExp(`^${x.enforcement_monitor}`) })
    ).toBeChecked();
    const region = page.getByRole('region', { name: x.signins_title });
    await expect(region).toContainText(x.signins_intro_monitor);
    await expect(region.locator('tbody tr').first()).toBeVisible();
    await page.getByRole('radio', { name: new RegExp(`^${x.enforcement_enforce}`) }).check();
    await page.getByRole('button', { name: t.save }).click();
    const dialog = page.getByRole('dialog', { name: t.confirm_title });
    await expect(dialog).toContainText(fill(x.apply_week.other, { n: '', members: '' }).split('、')[0]);
    await expectNoAxeViolations(page);
  });
});

test.describe('embedded', () => {
  const MONITORING = {
    devices: FLEET,
    mdmSync: { enabled: true, keyMode: 'auto', keyValue: SAVED, enforcement: 'monitor' },
  };

  test("the element shows the rollout's controls and regions, and its requests reach its form", async ({
    page,
    request,
  }) => {
    await reset(request, MONITORING);
    await page.goto(`${portalURL}/blank.html`);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('region', { name: 'Sign-in checks' })).toContainText('would have been refused');
    await element.getByRole('radio', { name: /^Enforce/ }).check();
    await element.getByRole('button', { name: 'Save' }).click();
    const dialog = element.getByRole('dialog', { name: 'Apply these changes?' });
    await expect(dialog).toContainText(
      /In the last 7 days, [\d,]+ sign-ins by [\d,]+ members would have been refused:/
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
  });

  test('the iframe mode shows them too', async ({ page, request }) => {
    await reset(request, MONITORING);
    const framed = `${baseURL}/security/mobile/mdm-sync?embed=1`;
    await page.goto(`${portalURL}/frame.html?src=${encodeURIComponent(framed)}`);
    const frame = page.frameLocator('iframe[title="3rd-party MDM sync settings"]');
    await expect(frame.getByRole('radiogroup', { name: 'Enforcement' })).toBeVisible();
    await expect(frame.getByRole('region', { name: 'Sign-in checks' })).toContainText('would have been refused');
  });
});
