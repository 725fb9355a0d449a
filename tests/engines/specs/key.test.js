// The key value: masked until shown, copied (the real clipboard, read back by a real paste, and the copy's own
// confirmation), and never in a URL, in storage or in a cookie.
import { describe, test } from 'node:test';
import {
  assert,
  useBrowser,
  openSettings,
  turnOn,
  saveAndApply,
  shownKey,
  status,
  waitAttr,
  ON_AUTO,
  SAVED_KEY,
  ENGINE,
} from '../lib/console.js';
import { waitUntil } from '../lib/browser.js';
import { MOCK_URL, SETTINGS, requests } from '../lib/servers.js';

const TRICKY = '<Group&Key"Value\'>2026';

describe(`the key value in ${ENGINE}`, () => {
  const held = useBrowser();

  test('masked until "Show key value" is pressed, in the field and in App Configuration', async () => {
    const b = held.browser;
    await openSettings(b, { mdmSync: ON_AUTO });
    const toggle = await b.get('button', 'Show key value');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const box = await b.get('textbox', 'Key value');
    assert.equal(await box.getAttribute('value'), '•'.repeat(40));
    const appConfig = await b.within('region', 'App Configuration');
    await appConfig.waitText('•'.repeat(40));
    assert.ok(!(await b.text()).includes(SAVED_KEY), 'the key is nowhere on screen');
    await b.clickElement(toggle);
    await waitAttr(toggle, 'aria-pressed', 'true');
    await waitUntil(async () => (await box.getAttribute('value')) === SAVED_KEY, 'the key in the field');
    await appConfig.waitText(SAVED_KEY);
  });

  test('"Copy key value" puts the exact key on the clipboard, and says "Copied"', async () => {
    const b = held.browser;
    await openSettings(b, { mdmSync: { ...ON_AUTO, keyMode: 'custom', keyValue: TRICKY } });
    await b.click('button', 'Copy key value');
    await status(b, 'Copied');
    assert.equal(await b.pasteClipboard(), TRICKY, 'the clipboard, read by a paste');
    // The key stays masked: copying shows nothing.
    assert.equal(await (await b.get('button', 'Show key value')).getAttribute('aria-pressed'), 'false');
    const appConfig = await b.within('region', 'App Configuration');
    await appConfig.click('button', 'Copy Configuration Key');
    await waitUntil(
      async () => (await b.pasteClipboard()) === 'LineworksAuthCode',
      'LineworksAuthCode on the clipboard'
    );
  });

  test('never in a URL, in storage or in a cookie', async () => {
    const b = held.browser;
    await openSettings(b);
    await turnOn(b);
    const key = await shownKey(b);
    await saveAndApply(b);
    await status(b, 'Saved');
    await b.open(`${MOCK_URL}${SETTINGS}`);
    await waitUntil(async () => {
      const [sync] = await b.all('switch', '3rd-party MDM sync');
      return sync && (await sync.getAttribute('aria-checked')) === 'true';
    }, 'the screen reloaded, on');
    const seen = await b.driver.executeScript(`return {
      url: location.href,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      fetched: performance.getEntriesByType('resource').map((e) => e.name).concat(performance.getEntriesByType('navigation').map((e) => e.name)),
    }`);
    assert.ok(!seen.url.includes(key), 'the address');
    assert.ok(!seen.storage.includes(key), 'localStorage and sessionStorage');
    assert.ok(!seen.cookie.includes(key), 'cookies');
    assert.ok(!seen.fetched.join('\n').includes(key), 'the URLs the page fetched');
    const received = await requests();
    assert.ok(
      received.some((r) => r.method === 'PUT'),
      'the PUT reached the mock'
    );
    for (const r of received) {
      assert.ok(!`${r.path}?${r.query ?? ''}`.includes(key), `${r.method} ${r.path}: the key in a URL`);
      assert.ok(!JSON.stringify(r.headers).includes(key), `${r.method} ${r.path}: the key in a header`);
    }
  });
});
