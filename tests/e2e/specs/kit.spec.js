// The App Configuration kit (app-config-kit.md): for each MDM, the configuration copied and downloaded holds exactly
// the saved key, read back by a real parser; it is masked until shown; an unsaved key is flagged in its place; the
// value check names the usual mistakes; and the kit, which comes in the second module, never holds up the screen.
import { readFileSync } from 'node:fs';
import { test, expect, reset, expectNoAxeViolations, saveAndApply, corruptLastByte } from './support.js';

// Every character a custom key may hold that a format must escape.
const KEY = `<Custom&Key'Value">2024`;
const MDMS = {
  'Microsoft Intune (iOS/iPadOS)': { file: 'lineworks-appconfig-intune-ios.xml', read: 'dict' },
  'Microsoft Intune (Android)': { file: 'lineworks-appconfig-intune-android-lineworks.json', read: 'intune-json' },
  'Jamf Pro': { file: 'lineworks-appconfig-jamf-pro.xml', read: 'dict' },
  'Workspace ONE UEM': { file: 'lineworks-appconfig-workspace-one-lineworks.xml', read: 'specfile' },
  'Ivanti EPMM': { file: 'lineworks-appconfig-ivanti-epmm.plist', read: 'plist' },
  'Android Management API': { file: 'lineworks-appconfig-android-management.json', read: 'amapi' },
  'AppConfig specfile': { file: 'lineworks-appconfig-appconfig-specfile-lineworks.xml', read: 'specfile' },
};

async function openWith(page, request, key = KEY) {
  await reset(request, { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: key } });
  await page.goto('/security/mobile/mdm-sync');
  const kit = page.getByRole('region', { name: 'App Configuration kit' });
  await expect(kit.getByRole('combobox', { name: 'MDM solution' })).toBeVisible();
  return kit;
}

/** What `LineworksAuthCode` holds in a payload, read by the browser's XML parser or by JSON.parse. */
async function readBack(page, read, text) {
  if (read === 'intune-json') {
    const json = JSON.parse(text);
    expect(json.kind).toBe('androidenterprise#managedConfiguration');
    expect(json.productId).toBe('app:com.example.lineworks');
    expect(json.managedProperty).toHaveLength(1);
    expect(json.managedProperty[0].key).toBe('LineworksAuthCode');
    return json.managedProperty[0].valueString;
  }
  if (read === 'amapi') {
    const { applications } = JSON.parse(text);
    expect(applications.map((a) => a.packageName)).toEqual(['com.example.lineworks', 'com.example.lineworks.drive']);
    const values = applications.map((a) => a.managedConfiguration.LineworksAuthCode);
    expect(new Set(values).size).toBe(1);
    return values[0];
  }
  return page.evaluate(
    ([text, read]) => {
      const document = new DOMParser().parseFromString(text, 'application/xml');
      if (document.querySelector('parsererror')) throw new Error(`not well-formed XML: ${text}`);
      if (read === 'specfile') {
        const root = document.documentElement;
        if (root.tagName !== 'managedAppConfiguration') throw new Error(root.tagName);
        if (root.querySelector(':scope > bundleId').textContent !== 'com.example.lineworks')
          throw new Error('bundleId');
        const string = root.querySelector(':scope > dict > string');
        if (string.getAttribute('keyName') !== 'LineworksAuthCode') throw new Error('keyName');
        return string.querySelector('defaultValue > value').textContent;
      }
      const dict = read === 'plist' ? document.querySelector('plist > dict') : document.documentElement;
      if (dict.tagName !== 'dict' || dict.children.length !== 2) throw new Error(dict.outerHTML);
      const [key, value] = dict.children;
      if (key.tagName !== 'key' || key.textContent !== 'LineworksAuthCode' || value.tagName !== 'string') {
        throw new Error(dict.outerHTML);
      }
      return value.textContent;
    },
    [text, read]
  );
}

test("every MDM's configuration, copied and downloaded, holds exactly the saved key", async ({
  page,
  request,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const kit = await openWith(page, request);
  for (const [mdm, { file, read }] of Object.entries(MDMS)) {
    await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: mdm });
    const app = kit.getByRole('combobox', { name: 'App' });
    if (await app.count()) await app.selectOption({ label: 'LINE WORKS (example IDs)' });
    await kit.getByRole('button', { name: 'Copy configuration' }).click();
    await expect(kit.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(await readBack(page, read, copied), mdm).toBe(KEY);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      kit.getByRole('button', { name: 'Download configuration' }).click(),
    ]);
    expect(download.suggestedFilename(), mdm).toBe(file);
    expect(readFileSync(await download.path(), 'utf8'), mdm).toBe(copied);
  }
});

test('a format that names the app offers the apps that have an identifier for its platform', async ({
  page,
  request,
}) => {
  const kit = await openWith(page, request);
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'Microsoft Intune (Android)' });
  const app = kit.getByRole('combobox', { name: 'App' });
  await expect(app.getByRole('option')).toHaveText(['LINE WORKS (example IDs)', 'LINE WORKS Drive (example IDs)']);
  await app.selectOption({ label: 'LINE WORKS Drive (example IDs)' });
  await page.getByRole('button', { name: 'Show key value' }).click();
  await expect(kit.getByText('"productId": "app:com.example.lineworks.drive"')).toBeVisible();
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'AppConfig specfile' });
  await expect(app.getByRole('option')).toHaveCount(3);
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'Jamf Pro' });
  await expect(kit.getByRole('combobox', { name: 'App' })).toHaveCount(0);
});

test('the configuration is masked until the key is shown', async ({ page, request }) => {
  const kit = await openWith(page, request);
  await expect(kit.getByText('The key value is masked.')).toBeVisible();
  const body = () => page.evaluate(() => document.body.innerText);
  expect(await body()).not.toContain('Custom&amp;Key');
  expect(await body()).not.toContain(KEY);
  await expect(kit.getByText(`<string>${'•'.repeat(KEY.length)}</string>`)).toBeVisible();
  await page.getByRole('button', { name: 'Show key value' }).click();
  await expect(kit.getByText('<string>&lt;Custom&amp;Key&apos;Value&quot;&gt;2024</string>')).toBeVisible();
  await expect(kit.getByText('The key value is masked.')).toBeHidden();
  await expectNoAxeViolations(page);
});

test("a key that is not saved yet is flagged in the configuration's place", async ({ page, request }) => {
  await reset(request, {
    mdmSync: {
      enabled: true,
      restrictOtherDomains: false,
      keyMode: 'auto',
      keyValue: 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k',
    },
  });
  await page.goto('/security/mobile/mdm-sync');
  const kit = page.getByRole('region', { name: 'App Configuration kit' });
  await expect(kit.getByRole('button', { name: 'Copy configuration' })).toBeVisible();
  await page.getByRole('button', { name: 'Re-issue' }).click();
  await expect(kit.getByText('The key value in your draft is not saved yet.')).toBeVisible();
  await expect(kit.getByRole('button', { name: 'Copy configuration' })).toHaveCount(0);
  await expect(kit.getByRole('button', { name: 'Download configuration' })).toHaveCount(0);
  await saveAndApply(page);
  await expect(kit.getByRole('button', { name: 'Copy configuration' })).toBeVisible();
  await expect(kit.getByText('The key value in your draft is not saved yet.')).toHaveCount(0);
});

test('without a saved key there is nothing to configure yet', async ({ page, request }) => {
  await reset(request);
  await page.goto('/security/mobile/mdm-sync');
  const kit = page.getByRole('region', { name: 'App Configuration kit' });
  await expect(kit.getByText('No key value has been saved yet.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a character the MDM would rewrite is warned about', async ({ page, request }) => {
  const kit = await openWith(page, request, 'Abc$EMAIL-1234567xyz');
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'Jamf Pro' });
  // Masked, the syntax stands for the part of the key that Jamf would replace.
  await expect(kit.getByRole('alert')).toContainText(
    'Jamf Pro reads $Name in a value as its own variable, and would replace “$Name”'
  );
  await page.getByRole('button', { name: 'Show key value' }).click();
  await expect(kit.getByRole('alert')).toContainText('would replace “$EMAIL” in this key value');
  await kit.getByRole('combobox', { name: 'MDM solution' }).selectOption({ label: 'Microsoft Intune (Android)' });
  await expect(kit.getByRole('alert')).toHaveCount(0);
});

test('the value check names a match, a line break, full-width letters and a truncated value', async ({
  page,
  request,
}) => {
  const kit = await openWith(page, request, 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA');
  const value = kit.getByRole('textbox', { name: 'Value in your MDM' });
  const check = kit.getByRole('button', { name: 'Check value' });
  const verdict = kit.getByRole('status').filter({ has: page.locator('.mdm-kit__verdict-title') });
  await value.fill('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA');
  await check.click();
  await expect(verdict).toHaveText('It matches the saved key value.');
  await value.fill('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA\n');
  await check.click();
  // The key itself, but not as devices must receive it.
  await expect(verdict).toContainText('It is the saved key value, but not as devices must receive it:');
  await expect(verdict).toContainText('It holds a line break or a tab.');
  await value.fill('Ｑｘ７ｖＲ２ｍＫ９ｐＬ４ｓＴ８ｗＺ３ｎＢ６ｙＨ１ｃＦ５ｇＪ０ｄＡ');
  await check.click();
  await expect(verdict).toContainText('It holds full-width characters');
  await value.fill('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5');
  await check.click();
  await expect(verdict).toContainText('It does not match the saved key value.');
  await expect(verdict).toContainText('5 characters are missing, from position 28.');
  await expectNoAxeViolations(page);
  // The value is masked as the key is, and goes nowhere.
  await expect(value).toHaveClass(/masked/);
  const requests = await (await request.get('/__mock/requests')).json();
  expect(JSON.stringify(requests)).not.toContain('Qx7vR2mK9pL4sT8wZ3nB6yH1cF5');
});

test('the value check tells a value of the unsaved draft', async ({ page, request }) => {
  await openWith(page, request, 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA');
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill('Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT');
  const kit = page.getByRole('region', { name: 'App Configuration kit' });
  await kit.getByRole('textbox', { name: 'Value in your MDM' }).fill('Nw3bV8cX1zL6kJ4hG9fD2sA7pO5iU0yT');
  await kit.getByRole('button', { name: 'Check value' }).click();
  await expect(kit.getByRole('status').filter({ hasText: 'draft' })).toContainText(
    'It matches the key value in your draft'
  );
});

test('when the kit cannot load, the screen still saves, and Retry brings the kit', async ({ page, request }) => {
  let refuse = true;
  await page.route('**/mdm-panels-*_bg.wasm', (route) =>
    refuse ? route.fulfill({ status: 503, body: '' }) : route.continue()
  );
  await reset(request, { mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: KEY } });
  await page.goto('/security/mobile/mdm-sync');
  const alert = page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded' });
  await expect(alert).toBeVisible();
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  await saveAndApply(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  refuse = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'App Configuration kit' })).toBeVisible();
  await expect(alert).toBeHidden();
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText(
    'Restricted login with other domain accounts'
  );
});

test('a tampered second module is refused', async ({ page, request }) => {
  await corruptLastByte(page, '**/mdm-panels-*_bg.wasm');
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await reset(request);
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded' })).toBeVisible();
  expect(errors.join('\n')).toMatch(/integrity/i);
  await expect(page.getByRole('region', { name: 'App Configuration kit' })).toHaveCount(0);
  await expect(page.getByRole('switch', { name: '3rd-party MDM sync' })).toBeEnabled();
});
