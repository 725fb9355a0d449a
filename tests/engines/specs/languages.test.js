// Japanese and Korean: the language menu ("Language", 言語, 언어) switches the console in the middle of a draft, and
// no English sentence is left on the settings screen, its dialogs and the second module's regions included. The
// sentences come from the catalogs themselves (src/i18n/*.json), as in the Playwright suite's languages spec.
import { describe, test } from 'node:test';
import { assert, useBrowser, openSettings, catalog, waitAttr, status, ENGINE } from '../lib/console.js';
import { waitUntil } from '../lib/browser.js';
import { settings, MOCK_URL } from '../lib/servers.js';

const CUSTOM_KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA';
const english = catalog('en');
const englishKit = catalog('en', 'panels');

/** Every English sentence (or part of one between its values) that the other language translates. */
function englishSentences(source, translated) {
  const texts = (value) => (typeof value === 'string' ? [value] : Object.values(value));
  return Object.keys(source)
    .filter((key) => JSON.stringify(source[key]) !== JSON.stringify(translated[key]))
    .flatMap((key) => texts(source[key]))
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((part) => part.trim())
    .filter((part) => part.length >= 12 && part.includes(' '));
}

async function expectNoEnglish(scope, tag) {
  const text = await scope.text();
  const left = [
    ...englishSentences(english, catalog(tag)),
    ...englishSentences(englishKit, catalog(tag, 'panels')),
  ].filter((sentence) => text.includes(sentence));
  assert.deepEqual(left, [], `English left on the ${tag} screen`);
}

/** The language menu: its button (named in the current language), then the language's own name. */
async function choose(b, current, name) {
  const button = await b.click('button', current.language);
  await waitAttr(button, 'aria-expanded', 'true');
  await b.click('button', name);
}

describe(`Japanese and Korean in ${ENGINE}`, () => {
  const held = useBrowser();

  test('the language menu switches to 日本語 then 한국어, keeping the draft, with no English left; saved in Korean', async () => {
    const b = held.browser;
    const ja = catalog('ja');
    const ko = catalog('ko');
    const jaKit = catalog('ja', 'panels');
    const koKit = catalog('ko', 'panels');
    await openSettings(b, {
      mdmSync: {
        enabled: true,
        restrictOtherDomains: false,
        keyMode: 'auto',
        keyValue: 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k',
      },
    });
    await b.within('region', 'App Configuration kit', { timeout: 20_000 });
    await b.click('checkbox', 'Restrict login with other domain account');
    await b.click('radio', 'Custom value');
    await b.fill(await b.get('textbox', 'Key value'), CUSTOM_KEY);
    await b.click('button', 'Show key value');

    await choose(b, english, '日本語');
    await waitUntil(
      async () => (await b.driver.executeScript('return document.documentElement.lang')) === 'ja',
      '<html lang="ja">'
    );
    await b.get('heading', ja.mdm_sync_title);
    assert.equal(await (await b.get('switch', ja.mdm_sync_title)).getAttribute('aria-checked'), 'true');
    assert.ok(await (await b.get('checkbox', ja.restrict_label)).isSelected(), 'the restriction kept');
    assert.ok(await (await b.get('radio', ja.key_custom)).isSelected(), 'the custom mode kept');
    assert.equal(await (await b.get('textbox', ja.key_value)).getAttribute('value'), CUSTOM_KEY, 'the key typed kept');
    // The second module's regions follow the language too.
    await b.within('region', jaKit.kit_title, { timeout: 20_000 });
    await b.within('region', jaKit.activity_title);
    await expectNoEnglish(b, 'ja');

    await choose(b, ja, '한국어');
    await waitUntil(
      async () => (await b.driver.executeScript('return document.documentElement.lang')) === 'ko',
      '<html lang="ko">'
    );
    await b.get('heading', ko.mdm_sync_title);
    await b.within('region', koKit.kit_title, { timeout: 20_000 });
    await expectNoEnglish(b, 'ko');
    await b.click('button', ko.save);
    const apply = await b.within('dialog', ko.confirm_title);
    await expectNoEnglish(apply, 'ko');
    await apply.click('button', ko.apply);
    await status(b, ko.saved);
    await expectNoEnglish(b, 'ko');
    const saved = await settings();
    assert.equal(saved.restrictOtherDomains, true);
    assert.equal(saved.keyValue, CUSTOM_KEY);
  });

  test('in Japanese: the precautions and a refused value, with no English left', async () => {
    const b = held.browser;
    const ja = catalog('ja');
    // The last test's choice (Korean) is remembered: forget it, and start in English as the browser prefers.
    await b.open(`${MOCK_URL}/robots.txt`);
    await b.driver.executeScript('localStorage.clear()');
    await openSettings(b);
    await b.within('region', 'App Configuration kit', { timeout: 20_000 });
    await choose(b, english, '日本語');
    await b.get('heading', ja.mdm_sync_title);
    await b.click('switch', ja.mdm_sync_title);
    const precautions = await b.within('dialog', ja.precautions_title);
    await precautions.waitText(ja.precaution_sign_out);
    await expectNoEnglish(precautions, 'ja');
    await precautions.click('button', ja.ok);
    await b.click('radio', ja.key_custom);
    const box = await b.get('textbox', ja.key_value);
    await b.fill(box, 'abcdefghＡijklmnop');
    await waitAttr(box, 'aria-invalid', 'true');
    const message = ja.key_error_non_ascii
      .replace('{character}', 'Ａ')
      .replace('{code}', 'U+FF21')
      .replace('{position}', '9');
    await b.waitText(message);
    await expectNoEnglish(b, 'ja');
  });
});
