// Device readiness (readiness.md): before Apply, how many active devices already carry the key value in the draft,
// why the others do not, by platform, and what the change does to them, counted for seeded fleets; its failure
// never blocks a save; the element shows it too. In English and in Japanese.
import {
  test,
  expect,
  reset,
  fault,
  expectNoAxeViolations,
  expectNoAxeViolationsIn,
  saveAndApply,
  catalog,
  fill,
} from './support.js';
import { portalURL } from '../playwright.config.js';

const SAVED = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const GROUP = 'NimbusGroup-Shared-2026';
const FLEET = [
  { platform: 'ios', management: 'managed', keyValue: SAVED, count: 300 },
  { platform: 'android', management: 'managed', keyValue: SAVED, count: 120 },
  { platform: 'ios', management: 'managed', keyValue: GROUP, count: 50 },
  { platform: 'android', management: 'managed', keyValue: null, count: 30 },
  { platform: 'ios', management: 'unmanaged', keyValue: SAVED, count: 12 },
  { platform: 'android', management: 'android_without_enterprise', keyValue: SAVED, count: 8 },
];

async function open(page, request) {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED },
  });
  await page.goto('/security/mobile/mdm-sync');
  const region = page.getByRole('region', { name: 'Device readiness' });
  await expect(region.getByRole('table')).toBeVisible();
  return region;
}

/** The table as the admin reads it: each row's label and its iOS, Android and total counts. */
async function table(region) {
  return region
    .getByRole('row')
    .evaluateAll((rows) => rows.slice(1).map((row) => [...row.children].map((cell) => cell.textContent.trim())));
}

test('the rollout of the saved key, counted by management and platform', async ({ page, request }) => {
  const region = await open(page, request);
  expect(await table(region)).toEqual([
    ['Carry this key value: sign in at once', '300', '120', '420'],
    ['Hold no value yet: wait for your MDM', '0', '30', '30'],
    ['Hold another value: wait for your MDM', '50', '0', '50'],
    ['Not managed by an MDM: cannot sign in', '12', '0', '12'],
    ['Android outside Android Enterprise: cannot sign in', '0', '8', '8'],
  ]);
  await expect(region.getByRole('status')).toHaveText('420 of 520 active devices already carry this key value.');
  await expectNoAxeViolations(page);
});

test('a re-issued key is carried by no device, and the Apply dialog says so', async ({ page, request }) => {
  const region = await open(page, request);
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await expect(region.getByRole('status')).toHaveText('0 of 520 active devices already carry this key value.');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText(
    'No device carries this key value yet: every member waits for your MDM to push it.'
  );
  await expect(dialog).toContainText('500 devices wait until your MDM pushes this key value.');
  await expect(dialog).toContainText('20 devices cannot sign in while sync is on');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test("a custom value that part of the fleet holds, and the Apply dialog's numbers for it", async ({
  page,
  request,
}) => {
  const region = await open(page, request);
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill(GROUP);
  await expect(region.getByRole('status')).toHaveText('50 of 520 active devices already carry this key value.');
  expect((await table(region))[0]).toEqual(['Carry this key value: sign in at once', '50', '0', '50']);
  // Typing on: each value is counted as it stands.
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill(`${GROUP}x`);
  await expect(region.getByRole('status')).toHaveText('0 of 520 active devices already carry this key value.');
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill(GROUP);
  await saveAndApply(page, [
    '50 devices can sign in again at once: they already carry this key value.',
    '450 devices wait until your MDM pushes this key value.',
    '20 devices cannot sign in while sync is on',
  ]);
  // Saved: the same counts now show the rollout of the saved key.
  await expect(region.getByRole('status')).toHaveText('50 of 520 active devices already carry this key value.');
});

test('a change that signs nobody out says nothing of devices', async ({ page, request }) => {
  await open(page, request);
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toContainText('stays on them');
  await expect(dialog).not.toContainText('sign in again at once');
  await expect(dialog).not.toContainText('wait until your MDM');
});

test('readiness failing (503) never blocks a save, says it is unavailable, and Retry brings it', async ({
  page,
  request,
}) => {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED },
  });
  await fault(request, { method: 'GET', path: '/api/v1/security/mobile/mdm-sync/readiness', times: 3, status: 503 });
  await page.goto('/security/mobile/mdm-sync');
  const region = page.getByRole('region', { name: 'Device readiness' });
  await expect(region).toContainText('The device numbers are unavailable right now. The settings work without them.', {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await saveAndApply(page, ['How many devices are ready cannot be told right now.']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await region.getByRole('button', { name: 'Retry' }).click();
  await expect(region.getByRole('status')).toHaveText('0 of 520 active devices already carry this key value.');
});

test('the key never leaves the browser: only its fingerprint is compared, here', async ({ page, request }) => {
  await open(page, request);
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill(GROUP);
  await expect(page.getByRole('region', { name: 'Device readiness' }).getByRole('status')).toContainText('50 of 520');
  const requests = await (await request.get('/__mock/requests')).json();
  expect(JSON.stringify(requests)).not.toContain(GROUP);
});

test('the embedded element shows readiness too', async ({ page, request }) => {
  await reset(request, {
    devices: FLEET,
    mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED },
  });
  await page.goto(`${portalURL}/blank.html`);
  await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
  const region = page.locator('mdm-sync-settings').getByRole('region', { name: 'Device readiness' });
  await expect(region.getByRole('status')).toHaveText('420 of 520 active devices already carry this key value.');
  await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test("the counts and the Apply dialog's numbers", async ({ page, request }) => {
    const x = catalog('ja', 'panels');
    const t = catalog('ja');
    await reset(request, {
      devices: FLEET,
      mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED },
    });
    await page.goto('/security/mobile/mdm-sync');
    const region = page.getByRole('region', { name: x.readiness_title });
    await expect(region.getByRole('status')).toHaveText(fill(x.readiness_summary.other, { n: '420', total: '520' }));
    await page.getByRole('button', { name: t.reissue }).click();
    await page.getByRole('button', { name: t.save, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: t.confirm_title });
    await expect(dialog).toContainText(x.apply_none_ready);
    await expect(dialog).toContainText(fill(x.apply_waiting.other, { n: '500' }));
    await expectNoAxeViolations(page);
  });
});
