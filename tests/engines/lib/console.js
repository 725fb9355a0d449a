// The console's own steps, written once for every spec: open the settings screen, Save and Apply, the key shown.
// Names are the ones ../../../../shared/spec/ui.md gives (or the catalogs, src/i18n/*.json, in Japanese and Korean).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startBrowser, waitUntil, ENGINE } from './browser.js';
import { MOCK_URL, ROOT, SETTINGS, reset } from './servers.js';

export const SAVED_KEY = 'Qx7vR2mK9pL4sT8wZ3nB6yH1cF5gJ0dA2eU7iO4k';
export const ON_AUTO = { enabled: true, restrictOtherDomains: false, keyMode: 'auto', keyValue: SAVED_KEY };

/** A catalog as written: src/i18n/{tag}.json, or the second module's (src/i18n/panels/{tag}.json). */
export function catalog(tag, which = '') {
  return JSON.parse(readFileSync(join(ROOT, 'src/i18n', which, `${tag}.json`), 'utf8'));
}

/** A catalog message with its values filled in, as the console fills them. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

/**
 * One browser for the test file: started before its first test, and quit after its last. The returned object's
 * `browser` is set once started. Start-up failures fail the file's tests; nothing is skipped.
 */
export function useBrowser(options) {
  const holder = { browser: null };
  before(
    async () => {
      holder.browser = await startBrowser(options);
    },
    { timeout: 60_000 }
  );
  after(async () => {
    await holder.browser?.quit();
  });
  return holder;
}

/** The mock at `state` (its defaults when none), and the settings screen opened and usable. */
export async function openSettings(browser, state, url = `${MOCK_URL}${SETTINGS}`) {
  await reset(state);
  await browser.open(url);
  return waitUntil(
    async () => {
      const [sync] = await browser.all('switch', '3rd-party MDM sync');
      return sync && ((await sync.isEnabled()) || state?.plan === 'free') ? sync : null;
    },
    'the settings screen with its switch "3rd-party MDM sync"',
    20_000
  );
}

/** True when the element is disabled, natively or by aria-disabled (Save stays focusable while it saves). */
export async function isDisabled(element) {
  return !(await element.isEnabled()) || (await element.getAttribute('aria-disabled')) === 'true';
}

/** Waits for the attribute to have the value. */
export async function waitAttr(element, name, value, timeout) {
  await waitUntil(async () => (await element.getAttribute(name)) === value, `${name}="${value}"`, timeout);
}

/** Save, the "Apply these changes?" dialog (containing each of `lines`), then Apply; the dialog closes. */
export async function saveAndApply(
  scope,
  lines = [],
  names = { save: 'Save', confirm: 'Apply these changes?', apply: 'Apply' }
) {
  await scope.click('button', names.save);
  const dialog = await scope.within('dialog', names.confirm);
  for (const line of lines) await dialog.waitText(line);
  await dialog.click('button', names.apply);
  await scope.gone('dialog', names.confirm);
}

/** The switch turned on, and the precautions' OK: the switch is then checked. */
export async function turnOn(
  scope,
  names = { sync: '3rd-party MDM sync', precautions: 'Turn on 3rd-party MDM sync?', ok: 'OK' }
) {
  const sync = await scope.click('switch', names.sync);
  const precautions = await scope.within('dialog', names.precautions);
  await precautions.click('button', names.ok);
  await waitAttr(sync, 'aria-checked', 'true');
  return sync;
}

/** The key in the "Key value" box, shown first if it is masked. */
export async function shownKey(browser, scope = browser) {
  const toggle = await scope.get('button', 'Show key value');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await browser.clickElement(toggle);
  await waitAttr(toggle, 'aria-pressed', 'true');
  const box = await scope.get('textbox', 'Key value');
  return waitUntil(async () => {
    const value = await box.getAttribute('value');
    return value && !value.includes('•') ? value : null;
  }, 'the key value shown');
}

/** A status message (role=status) containing `text`, waited for. */
export function status(scope, text, timeout) {
  return scope.get('status', null, { text, timeout });
}

/** The page does not scroll sideways: returns the overflow in CSS px (0 or less is good). */
export async function sidewaysOverflow(browser) {
  return browser.driver.executeScript(
    'return document.documentElement.scrollWidth - document.documentElement.clientWidth'
  );
}

export { assert, ENGINE };
