// Japanese and Korean (languages.md): every flow of the help text in the admin's language, with no English sentence
// left; the language chosen from the browser, the element's `locale` and the iframe's `?locale=`; the standalone
// language menu, which keeps the draft and is remembered; no sideways scrolling at 320 px. Names come from the
// catalogs themselves (src/i18n/*.json), as people and screen readers meet them.
import {
  test,
  expect,
  fault,
  reset,
  isPhone,
  expectNoAxeViolations,
  expectNoAxeViolationsIn,
  catalog,
  fill,
} from './support.js';
import { portalURL, baseURL } from '../playwright.config.js';

const CUSTOM_KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA';
const BROWSER_LOCALE = { ja: 'ja-JP', ko: 'ko-KR' };
const english = catalog('en');
const englishKit = catalog('en', 'panels');

/** Every English sentence (or the part of one between its values) that the other language translates. */
function englishSentences(english, translated) {
  const texts = (value) => (typeof value === 'string' ? [value] : Object.values(value));
  return (
    Object.keys(english)
      .filter((key) => JSON.stringify(english[key]) !== JSON.stringify(translated[key]))
      .flatMap((key) => texts(english[key]))
      .flatMap((text) => text.split(/\{\w+\}/))
      .map((part) => part.trim())
      // Phrases, not single words: a lone "Configuration" is part of the product term App Configuration.
      .filter((part) => part.length >= 12 && part.includes(' '))
  );
}

/** Nothing on screen is still in English: neither the console's sentences nor the kit's. */
async function expectNoEnglish(scope, t) {
  const text = await scope.evaluate((root) => (root.shadowRoot ? root.shadowRoot.textContent : root.innerText));
  const kit = catalog(t.language === '言語' ? 'ja' : 'ko', 'panels');
  for (const sentence of [...englishSentences(english, t), ...englishSentences(englishKit, kit)]) {
    expect(text, 'an English sentence is left').not.toContain(sentence);
  }
}

/** A count as the admin's locale writes it, through the same `Intl` the console uses. */
const written = (tag, n) => new Intl.NumberFormat(tag).format(n);

/** A template with its values filled in, as a pattern: `{by}` (a time the console formats) matches any text. */
function pattern(template, values) {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\{(\w+)\\\}/g, (_, name) => (name in values ? values[name] : '.+')));
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

for (const tag of ['ja', 'ko']) {
  const t = catalog(tag);

  test.describe(`in ${tag}, as the browser prefers`, () => {
    test.use({ locale: BROWSER_LOCALE[tag] });

    test('Mobile Security, then the whole turn-on flow with its precautions and Apply', async ({ page, request }) => {
      await page.goto('/security/mobile');
      await expect(page.locator('html')).toHaveAttribute('lang', tag);
      await expect(page.getByRole('heading', { level: 1, name: t.mobile_security_title })).toBeVisible();
      await expect(page).toHaveTitle(fill(t.document_title, { page: t.mobile_security_title }));
      await expect(page.locator('meta[name=description]')).toHaveAttribute('content', t.document_description);
      await expect(page.getByText(fill(t.members.other, { n: written(tag, 1024) }))).toBeVisible();
      await page.getByRole('button', { name: t.advanced }).click();
      const region = page.getByRole('region', { name: t.mdm_sync_title });
      await expect(region).toContainText(t.not_in_use);
      await expectNoEnglish(page.locator('body'), t);
      await expectNoAxeViolations(page);
      await region.getByRole('button', { name: t.manage }).click();

      await expect(page.getByRole('heading', { level: 1, name: t.mdm_sync_title })).toBeVisible();
      await expect(page).toHaveTitle(fill(t.document_title, { page: t.mdm_sync_title }));
      const sync = page.getByRole('switch', { name: t.mdm_sync_title });
      await sync.click();
      const precautions = page.getByRole('dialog', { name: t.precautions_title });
      await expect(precautions).toContainText(t.precaution_sign_out);
      await expect(precautions).toContainText(fill(t.precaution_exceptions_deleted.other, { n: written(tag, 3) }));
      await expect(precautions).toContainText(t.precaution_android_enterprise);
      await expectNoEnglish(precautions, t);
      await expectNoAxeViolations(page);
      await precautions.getByRole('button', { name: t.ok, exact: true }).click();
      await expect(sync).toHaveAttribute('aria-checked', 'true');
      await page.getByRole('checkbox', { name: t.restrict_label }).check();
      await expectNoEnglish(page.locator('body'), t);
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: t.save, exact: true }).click();
      const apply = page.getByRole('dialog', { name: t.confirm_title });
      await expect(apply).toContainText(pattern(t.consequence_members_signed_out.other, { n: written(tag, 1024) }));
      await expect(apply).toContainText(t.consequence_update_app_config);
      await expectNoEnglish(apply, t);
      await expectNoAxeViolations(page);
      await apply.getByRole('button', { name: t.apply, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: t.saved })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: pattern(t.signing_out_until, {}) })).toBeVisible();
      const activity = page.getByRole('region', { name: catalog(tag, 'panels').activity_title });
      await expect(activity).toContainText(t.audit_enabled);
      await expectNoEnglish(page.locator('body'), t);
      await expectNoAxeViolations(page);
      expect(await (await request.get('/api/v1/security/mobile/mdm-sync')).json()).toMatchObject({
        enabled: true,
        restrictOtherDomains: true,
      });
    });

    test('the App Configuration kit and its value check', async ({ page, request }) => {
      const kt = catalog(tag, 'panels');
      await reset(request, {
        mdmSync: { enabled: true, restrictOtherDomains: false, keyMode: 'custom', keyValue: CUSTOM_KEY },
      });
      await page.goto('/security/mobile/mdm-sync');
      const kit = page.getByRole('region', { name: kt.kit_title });
      await kit.getByRole('combobox', { name: kt.mdm_solution }).selectOption({ label: kt.mdm_jamf_pro });
      await expect(kit.getByText(kt.steps_jamf_pro_3)).toBeVisible();
      await expect(kit.getByRole('button', { name: kt.copy_configuration })).toBeVisible();
      await kit.getByRole('textbox', { name: kt.value_in_mdm }).fill(CUSTOM_KEY.slice(0, -3));
      await kit.getByRole('button', { name: kt.check_value }).click();
      const verdict = kit.getByRole('status').filter({ hasText: kt.verdict_differs });
      await expect(verdict).toContainText(
        fill(kt.difference_missing.other, { n: written(tag, 3), position: written(tag, 30) })
      );
      await expectNoEnglish(page.locator('body'), t);
      await expectNoAxeViolations(page);
    });

    test('a refused custom value says why, at the field', async ({ page }) => {
      await page.goto('/security/mobile/mdm-sync');
      await page.getByRole('radio', { name: t.key_custom }).check();
      const field = page.getByRole('textbox', { name: t.key_value, exact: true });
      await field.fill('abcdefghＡijklmnop');
      const message = fill(t.key_error_non_ascii, { character: 'Ａ', code: 'U+FF21', position: '9' });
      await expect(page.getByText(message)).toBeVisible();
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await expect(field).toHaveValue('abcdefghＡijklmnop');
      await expectNoAxeViolations(page);
    });

    test('a failed save keeps every choice and says what to do', async ({ page, request }) => {
      await page.goto('/security/mobile/mdm-sync');
      await page.getByRole('switch', { name: t.mdm_sync_title }).click();
      await page
        .getByRole('dialog', { name: t.precautions_title })
        .getByRole('button', { name: t.ok, exact: true })
        .click();
      await page.getByRole('radio', { name: t.key_custom }).check();
      await page.getByRole('textbox', { name: t.key_value, exact: true }).fill(CUSTOM_KEY);
      await fault(request, { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 503 });
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await page
        .getByRole('dialog', { name: t.confirm_title })
        .getByRole('button', { name: t.apply, exact: true })
        .click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(t.save_failed);
      await expect(alert).toContainText(t.api_error_unavailable);
      await expect(page.getByRole('switch', { name: t.mdm_sync_title })).toHaveAttribute('aria-checked', 'true');
      await expect(page.getByRole('textbox', { name: t.key_value, exact: true })).toHaveValue(CUSTOM_KEY);
      await expectNoEnglish(page.locator('body'), t);
      await expectNoAxeViolations(page);
      await alert.getByRole('button', { name: t.retry }).click();
      await expect(page.getByRole('status').filter({ hasText: t.saved })).toBeVisible();
    });

    test('the phone menu, and the language menu in it', async ({ page }, testInfo) => {
      test.skip(!isPhone(testInfo), 'the Menu button is a phone layout');
      await page.goto('/security/mobile');
      const menu = page.getByRole('button', { name: t.menu });
      await menu.click();
      const nav = page.getByRole('navigation', { name: t.nav_label });
      await expect(nav.getByRole('link', { name: t.nav_mobile_security })).toBeVisible();
      await expect(nav.getByRole('button', { name: t.language })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await expect(menu).toBeFocused();
    });

    test('nothing scrolls sideways at 320 px, dialogs and errors included', async ({ page, request }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto('/security/mobile');
      await page.getByRole('button', { name: t.advanced }).click();
      await noSidewaysScroll(page);
      await page.goto('/security/mobile/mdm-sync');
      await page.getByRole('button', { name: t.show_key }).click();
      await noSidewaysScroll(page);
      await page.getByRole('switch', { name: t.mdm_sync_title }).click();
      await noSidewaysScroll(page);
      await page
        .getByRole('dialog', { name: t.precautions_title })
        .getByRole('button', { name: t.ok, exact: true })
        .click();
      await page.getByRole('radio', { name: t.key_custom }).check();
      await page.getByRole('textbox', { name: t.key_value, exact: true }).fill('abcdefghＡijklmnop');
      await noSidewaysScroll(page);
      await fault(request, { method: 'PUT', path: '/api/v1/security/mobile/mdm-sync', times: 1, status: 503 });
      await page.getByRole('textbox', { name: t.key_value, exact: true }).fill(CUSTOM_KEY);
      await page.getByRole('button', { name: t.save, exact: true }).click();
      await noSidewaysScroll(page);
      await page
        .getByRole('dialog', { name: t.confirm_title })
        .getByRole('button', { name: t.apply, exact: true })
        .click();
      await expect(page.getByRole('alert')).toBeVisible();
      await noSidewaysScroll(page);
    });
  });

  test(`the element with locale="${tag}" speaks it, whatever the portal page's language`, async ({ page }) => {
    await page.goto(`${portalURL}/blank.html`);
    await page.evaluate((locale) => {
      const element = document.createElement('mdm-sync-settings');
      element.setAttribute('locale', locale);
      document.getElementById('slot').append(element);
    }, tag);
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('heading', { level: 1, name: t.mdm_sync_title })).toBeVisible();
    await expect(element.getByRole('button', { name: t.save, exact: true })).toBeDisabled();
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
    await element.getByRole('switch', { name: t.mdm_sync_title }).click();
    await expect(element.getByRole('dialog', { name: t.precautions_title })).toBeVisible();
    await expectNoEnglish(element, t);
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
  });

  test(`the iframe mode speaks ?locale=${tag}`, async ({ page }) => {
    await page.goto(
      `${portalURL}/frame.html?src=${encodeURIComponent(`${baseURL}/security/mobile/mdm-sync?embed=1&locale=${tag}`)}`
    );
    const frame = page.frameLocator('iframe[title="3rd-party MDM sync settings"]');
    await expect(frame.getByRole('heading', { level: 1, name: t.mdm_sync_title })).toBeVisible();
    await expect(frame.locator('html')).toHaveAttribute('lang', tag);
    await expectNoEnglish(frame.locator('body'), t);
  });
}

test.describe('with a browser in a language the console does not speak', () => {
  test.use({ locale: 'fr-FR' });

  test('the console is in English, and nothing scrolls sideways at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/security/mobile');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Mobile Security' })).toBeVisible();
    await page.getByRole('button', { name: 'Advanced' }).click();
    await noSidewaysScroll(page);
    await page.goto('/security/mobile/mdm-sync');
    await page.getByRole('button', { name: 'Show key value' }).click();
    await noSidewaysScroll(page);
    await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
    await noSidewaysScroll(page);
  });
});

test('switching language in the middle of a draft keeps every choice, and is remembered', async ({
  page,
  request,
}, testInfo) => {
  const ja = catalog('ja');
  const ko = catalog('ko');
  await page.goto('/security/mobile/mdm-sync');
  await page.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await page.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  await page.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
  await page.getByRole('radio', { name: 'Custom value' }).check();
  await page.getByRole('textbox', { name: 'Key value', exact: true }).fill(CUSTOM_KEY);
  await page.getByRole('button', { name: 'Show key value' }).click();

  const choose = async (current, name) => {
    if (isPhone(testInfo)) await page.getByRole('button', { name: current.menu }).click();
    await page.getByRole('button', { name: current.language }).click();
    await page.getByRole('button', { name }).click();
  };
  await choose(english, '日本語');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1, name: ja.mdm_sync_title })).toBeVisible();
  await expect(page.getByRole('switch', { name: ja.mdm_sync_title })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('checkbox', { name: ja.restrict_label })).toBeChecked();
  await expect(page.getByRole('radio', { name: ja.key_custom })).toBeChecked();
  await expect(page.getByRole('textbox', { name: ja.key_value, exact: true })).toHaveValue(CUSTOM_KEY);
  await expect(page.getByRole('button', { name: ja.save, exact: true })).toBeEnabled();
  // The focus is where the choice was made: on the language menu's button, or on a phone on Menu.
  await expect(page.getByRole('button', { name: isPhone(testInfo) ? ja.menu : ja.language })).toBeFocused();
  await expectNoAxeViolations(page);

  await choose(ja, '한국어');
  await expect(page.getByRole('textbox', { name: ko.key_value, exact: true })).toHaveValue(CUSTOM_KEY);
  await page.getByRole('button', { name: ko.save, exact: true }).click();
  await page
    .getByRole('dialog', { name: ko.confirm_title })
    .getByRole('button', { name: ko.apply, exact: true })
    .click();
  await expect(page.getByRole('status').filter({ hasText: ko.saved })).toBeVisible();
  const saved = await (await request.get('/api/v1/security/mobile/mdm-sync')).json();
  expect(saved).toMatchObject({ enabled: true, restrictOtherDomains: true, keyMode: 'custom', keyValue: CUSTOM_KEY });

  // The next visit opens in the language chosen, though the browser prefers English.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: ko.mdm_sync_title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  // Only the choice is remembered: never anything of the key.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toBe(JSON.stringify({ 'mdm-sync:locale': 'ko' }));
});

test("every request asks the server to answer in the admin's language", async ({ page, request }) => {
  await reset(request);
  const ja = catalog('ja');
  await page.addInitScript(() => localStorage.setItem('mdm-sync:locale', 'ja'));
  await page.goto('/security/mobile/mdm-sync');
  await expect(page.getByRole('heading', { level: 1, name: ja.mdm_sync_title })).toBeVisible();
  const requests = await (await request.get('/__mock/requests')).json();
  const api = requests.filter((r) => r.path.startsWith('/api/'));
  expect(api.length).toBeGreaterThan(0);
  for (const r of api) expect(r.headers['accept-language'], r.path).toBe('ja');
});
