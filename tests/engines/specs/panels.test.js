// What the second wasm module puts below the form once the screen is usable: device readiness, the App Configuration
// values, the App Configuration kit and the Activity log; and the kit's Copy and Download for two MDMs, each payload
// read back by a parser (the engine's own DOMParser for XML, JSON.parse for JSON).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assert, useBrowser, openSettings, status, ENGINE } from '../lib/console.js';
import { waitUntil } from '../lib/browser.js';

const KEY = `<Custom&Key'Value">2024`;
const SAVED = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
const FLEET = [
  { platform: 'ios', management: 'managed', keyValue: SAVED, count: 300 },
  { platform: 'android', management: 'managed', keyValue: SAVED, count: 120 },
  { platform: 'ios', management: 'managed', keyValue: 'NimbusGroup-Shared-2026', count: 50 },
  { platform: 'android', management: 'managed', keyValue: null, count: 30 },
  { platform: 'ios', management: 'unmanaged', keyValue: SAVED, count: 12 },
  { platform: 'android', management: 'android_without_enterprise', keyValue: SAVED, count: 8 },
];

// Two MDMs whose payloads differ in kind: an XML dict (Jamf Pro) and Android's managed configuration JSON (Intune).
const MDMS = [
  { label: 'Jamf Pro', file: 'lineworks-appconfig-jamf-pro.xml', read: 'dict' },
  {
    label: 'Microsoft Intune (Android)',
    file: 'lineworks-appconfig-intune-android-lineworks.json',
    read: 'intune-json',
  },
];

/** What `LineworksAuthCode` holds in a payload. */
async function readBack(b, read, text) {
  if (read === 'intune-json') {
    const json = JSON.parse(text);
    assert.equal(json.kind, 'androidenterprise#managedConfiguration');
    assert.equal(json.managedProperty.length, 1);
    assert.equal(json.managedProperty[0].key, 'LineworksAuthCode');
    return json.managedProperty[0].valueString;
  }
  return b.run(
    `
    const [text] = args;
    const document = new DOMParser().parseFromString(text, 'application/xml');
    if (document.querySelector('parsererror')) throw new Error('not well-formed XML: ' + text);
    const dict = document.documentElement;
    if (dict.tagName !== 'dict' || dict.children.length !== 2) throw new Error(dict.outerHTML);
    const [key, value] = dict.children;
    if (key.textContent !== 'LineworksAuthCode' || value.tagName !== 'string') throw new Error(dict.outerHTML);
    return value.textContent;`,
    text
  );
}

/** The file the browser saved as `name` in its download folder, once it is complete. */
async function downloaded(b, name) {
  const path = join(b.downloads, name);
  return waitUntil(
    () => {
      const partial = readdirSync(b.downloads).some(
        (f) => f.endsWith('.part') || f.endsWith('.download') || f.startsWith('.')
      );
      return existsSync(path) && !partial ? readFileSync(path, 'utf8') || null : null;
    },
    () => `${name} in ${b.downloads} (there: ${JSON.stringify(readdirSync(b.downloads))})`,
    15_000
  );
}

describe(`the regions below the form in ${ENGINE}`, () => {
  const held = useBrowser();

  test('readiness, App Configuration, the kit and the Activity log arrive once the form is usable', async () => {
    const b = held.browser;
    await openSettings(b, {
      devices: FLEET,
      mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED },
    });
    const readiness = await b.within('region', 'Device readiness', { timeout: 20_000 });
    await readiness.get('table');
    await status(readiness, '420 of 520 active devices already carry this key value.');
    const rows = await b.driver.executeScript(
      `return [...arguments[0].querySelectorAll('tr')].slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent.trim()))`,
      readiness.root
    );
    assert.deepEqual(rows[0], ['Carry this key value: sign in at once', '300', '120', '420']);
    const appConfig = await b.within('region', 'App Configuration');
    await appConfig.waitText('LineworksAuthCode');
    await appConfig.waitText('String');
    const kit = await b.within('region', 'App Configuration kit');
    await kit.get('combobox', 'MDM solution');
    await b.within('region', 'Activity');

    // Re-issue: readiness follows the draft (no device carries a new key).
    await b.click('button', 'Re-issue');
    await status(readiness, '0 of 520 active devices already carry this key value.');
  });

  test('the kit: Copy and Download for Jamf Pro and Intune (Android) hold exactly the saved key', async () => {
    const b = held.browser;
    await openSettings(b, {
      mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: KEY },
    });
    const kit = await b.within('region', 'App Configuration kit', { timeout: 20_000 });
    for (const { label, file, read } of MDMS) {
      const select = await kit.get('combobox', 'MDM solution');
      // Chosen as WebDriver's Element Click chooses an option (the engine selects it and fires input and change).
      const option = await b.driver.executeScript(
        'return [...arguments[0].options].find((o) => o.textContent.trim() === arguments[1])',
        select,
        label
      );
      assert.ok(option, `the option ${label}`);
      await b.clickElement(option);
      await waitUntil(
        async () =>
          (await b.driver.executeScript('return arguments[0].selectedOptions[0].textContent.trim()', select)) === label,
        `${label} chosen`
      );
      const [app] = await kit.all('combobox', 'App');
      if (app) {
        await b.clickElement(
          await b.driver.executeScript(
            'return [...arguments[0].options].find((o) => o.textContent.trim() === "LINE WORKS (example IDs)")',
            app
          )
        );
      }
      await kit.click('button', 'Copy configuration');
      await status(kit, 'Copied');
      const copied = await b.pasteClipboard();
      assert.equal(await readBack(b, read, copied), KEY, `${label}: the copied configuration`);

      await kit.click('button', 'Download configuration');
      const saved = await downloaded(b, file);
      assert.equal(saved, copied, `${label}: the downloaded file is what was copied`);
      // The status of this copy, gone before the next MDM's.
      await b.driver.executeScript('arguments[0].blur()', select);
    }
  });
});
