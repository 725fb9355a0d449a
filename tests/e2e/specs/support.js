// What every end-to-end test shares: a fresh mock backend state, the accessibility check, and the viewport's kind.
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const test = base.extend({
  // Violations a test causes on purpose (a page that must not frame the console), each of which must then happen.
  expectedCspViolations: [[], { option: true }],
  // Every test starts from the mock's realistic defaults (or the state it asks for with `reset`), and ends with no
  // Content-Security-Policy violation: the console runs under the mock's strict CSP (no 'unsafe-inline').
  page: async ({ page, request, expectedCspViolations }, use) => {
    await reset(request);
    const violations = [];
    await page.exposeFunction('__reportCspViolation', (text) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)
      );
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        violations.push(message.text());
    });
    await use(page);
    for (const expected of expectedCspViolations) {
      expect(
        violations.some((v) => expected.test(v)),
        `a CSP violation matching ${expected}`
      ).toBe(true);
    }
    const unexpected = violations.filter((v) => !expectedCspViolations.some((expected) => expected.test(v)));
    expect(unexpected, 'Content-Security-Policy violations').toEqual([]);
  },
});
export { expect };

export async function reset(request, state) {
  const response = await request.post('/__mock/reset', state ? { data: state } : {});
  expect(response.status()).toBe(204);
}

export async function fault(request, rule) {
  const response = await request.post('/__mock/faults', { data: rule });
  expect(response.status()).toBe(204);
}

export function isPhone(testInfo) {
  return testInfo.project.name === 'phone';
}

// WCAG 2.2's target size (2.5.8, AA), which axe leaves off by default: 24 by 24 px, or room enough around.
const WCAG22 = { rules: { 'target-size': { enabled: true } } };

/** axe-core over the whole page: no violations of WCAG 2.2 A/AA or best practices. */
export async function expectNoAxeViolations(page) {
  // From the top of the page: axe's target-size rule counts a control partly under the sticky top bar and Save bar
  // as too small, so a check made wherever the last action left the page scrolled would depend on that position.
  await page.evaluate(() => window.scrollTo(0, 0));
  const results = await new AxeBuilder({ page }).options(WCAG22).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** axe-core over an element's shadow root only (`selector`): the portal's own page is the portal's business. */
export async function expectNoAxeViolationsIn(page, selector) {
  // No CSSOM preload: for a stylesheet linked in a shadow root, axe would copy it into an inline <style>, which the
  // portal's CSP rightly refuses. The one rule that needs it, css-orientation-lock, has nothing to find here.
  const results = await new AxeBuilder({ page })
    .include(selector)
    .options({ ...WCAG22, preload: false })
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** The key in the "Key value" box, shown first if it is masked. */
export async function shownKey(page) {
  const toggle = page.getByRole('button', { name: 'Show key value' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  return page.getByRole('textbox', { name: 'Key value' }).inputValue();
}

/** A PUT of the settings as a well-behaved client sends it: CSRF token, current version, a fresh idempotency key. */
export async function putSettings(request, body, idempotencyKey) {
  const session = await (await request.get('/api/v1/session')).json();
  const current = await request.get('/api/v1/security/mobile/mdm-sync');
  return request.put('/api/v1/security/mobile/mdm-sync', {
    headers: {
      'X-CSRF-Token': session.csrfToken,
      'If-Match': current.headers()['etag'],
      'Idempotency-Key': idempotencyKey,
    },
    data: body,
  });
}

/** Save, read the confirmation (it must list `expectedLines`, and pass axe), then Apply. */
export async function saveAndApply(page, expectedLines = []) {
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply these changes?' });
  await expect(dialog).toBeVisible();
  for (const line of expectedLines) await expect(dialog).toContainText(line);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
}

/** Turns sync on with the auto key, and applies it, in `scope` (a page, a frame, or one element). */
export async function turnOnAndApply(scope) {
  await scope.getByRole('switch', { name: '3rd-party MDM sync' }).click();
  await scope.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' }).getByRole('button', { name: 'OK' }).click();
  await scope.getByRole('button', { name: 'Save' }).click();
  await scope.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
  await expect(scope.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/**
 * A language's catalog as written (src/i18n/*.json, or the second module's in src/i18n/panels): the words people and screen
 * readers meet in that language.
 */
export function catalog(tag, which = '') {
  const dir = which ? `${which}/` : '';
  return JSON.parse(readFileSync(new URL(`../../../src/i18n/${dir}${tag}.json`, import.meta.url), 'utf8'));
}

/** Serves files matching `pattern` with their last byte flipped, as a tampering proxy or a broken cache would. */
export async function corruptLastByte(page, pattern) {
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-encoding': 'identity' } });
  });
}

/** A catalog message with its values filled in, as the console fills them. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

/**
 * Counts, from the page's start, what a screen can leave behind once it is removed: listeners on the window and the
 * document, timers not yet run or cleared, and API requests (`/api/`) not yet answered or cancelled. Read it with
 * `leftovers(page)`.
 */
export async function watchLeftovers(page) {
  await page.addInitScript(() => {
    const live = { listeners: new Set(), timers: new Set(), requests: new Set() };
    window.__live = live;
    const key = (target, type, options) =>
      `${target === window ? 'window' : 'document'} ${type} ${typeof options === 'boolean' ? options : !!options?.capture}`;
    const ids = new WeakMap();
    let next = 0;
    const idOf = (listener) => ids.get(listener) ?? (ids.set(listener, ++next), next);
    for (const target of [window, document]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      target.addEventListener = (type, listener, options) => {
        if (listener) live.listeners.add(`${key(target, type, options)} ${idOf(listener)}`);
        return add(type, listener, options);
      };
      target.removeEventListener = (type, listener, options) => {
        if (listener) live.listeners.delete(`${key(target, type, options)} ${idOf(listener)}`);
        return remove(type, listener, options);
      };
    }
    const [setT, clearT] = [window.setTimeout.bind(window), window.clearTimeout.bind(window)];
    window.setTimeout = (fn, ms, ...args) => {
      const id = setT(
        (...a) => {
          live.timers.delete(id);
          typeof fn === 'function' && fn(...a);
        },
        ms,
        ...args
      );
      live.timers.add(id);
      return id;
    };
    window.clearTimeout = (id) => {
      live.timers.delete(id);
      clearT(id);
    };
    const realFetch = window.fetch;
    window.fetch = function fetch(input, init) {
      const answer = realFetch.call(this, input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/api/')) {
        const request = `${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${new URL(url, location.href).pathname}`;
        const token = { request };
        live.requests.add(token);
        answer.finally(() => live.requests.delete(token)).catch(() => {});
      }
      return answer;
    };
  });
}

/** What `watchLeftovers` counts now: listeners by name, the number of timers, the API requests still on their way. */
export function leftovers(page) {
  return page.evaluate(() => ({
    listeners: [...window.__live.listeners].sort(),
    timers: window.__live.timers.size,
    requests: [...window.__live.requests].map((r) => r.request).sort(),
  }));
}
