// Embedding (docs/embedding.md): the `<mdm-sync-settings>` element inside a portal's page. The iframe mode and the
// console under the sub-path /admin/mdm/ are in embedding-frame.spec.js. The portals are tests/e2e/portal/server.mjs,
// on origins of their own.
import {
  test,
  expect,
  fault,
  reset,
  expectNoAxeViolationsIn,
  corruptLastByte,
  watchLeftovers,
  leftovers,
  turnOnAndApply,
} from './support.js';
import { baseURL, portalURL, otherSiteURL, plainPortalURL } from '../playwright.config.js';

const EVENTS = ['mdm-sync:ready', 'mdm-sync:dirty-change', 'mdm-sync:saved', 'mdm-sync:error'];
const settingsOf = (request) => request.get('/api/v1/security/mobile/mdm-sync').then((r) => r.json());
const requestsOf = (request) => request.get('/__mock/requests').then((r) => r.json());

/** Records every event of the element, as the portal would hear it on its document. */
async function listen(page) {
  await page.evaluate((names) => {
    window.heard = [];
    for (const name of names)
      document.addEventListener(name, (e) => window.heard.push({ type: e.type, detail: e.detail }));
  }, EVENTS);
}
const heard = (page) => page.evaluate(() => window.heard);

/** The computed styles that make the screen look as it does, for the screen's main parts. */
async function looks(scope) {
  const parts = {
    heading: scope.getByRole('heading', { level: 1, name: '3rd-party MDM sync' }),
    save: scope.getByRole('button', { name: 'Save' }),
    switch: scope.getByRole('switch', { name: '3rd-party MDM sync' }),
    card: scope.getByRole('region', { name: '3rd-party MDM sync' }),
    help: scope.getByText('Only devices that receive the key value'),
    show: scope.getByRole('button', { name: 'Show key value' }),
  };
  const result = {};
  for (const [name, locator] of Object.entries(parts)) {
    result[name] = await locator.evaluate((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        ...Object.fromEntries(
          [
            'display',
            'font-family',
            'font-size',
            'font-weight',
            'line-height',
            'color',
            'background-color',
            'letter-spacing',
            'text-transform',
            'padding',
            'border-radius',
          ].map((p) => [p, style.getPropertyValue(p)])
        ),
        width: Math.round(box.width),
        height: Math.round(box.height),
      };
    });
  }
  return result;
}

test.describe('script embed: <mdm-sync-settings>', () => {
  test("looks and works as standalone under a portal's aggressive global CSS, which keeps its own styles", async ({
    page,
    request,
  }) => {
    // The standalone screen's main column is as wide as the embedded element's: compare like with like.
    await page.goto(`${baseURL}/security/mobile/mdm-sync`);
    await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
    const standalone = await looks(page);

    await page.goto(`${portalURL}/aggressive.html`);
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('button', { name: 'Save' })).toBeVisible();
    // Only the settings screen: starting the wasm put no standalone console into the portal's page.
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.locator('body > :not(header, main, script)')).toHaveCount(0);
    const embedded = await looks(element);
    for (const part of Object.keys(standalone)) {
      const { width: _w1, height: h1, ...styleStandalone } = standalone[part];
      const { width: _w2, height: h2, ...styleEmbedded } = embedded[part];
      expect(styleEmbedded, part).toEqual(styleStandalone);
      // Text blocks wrap at the width they have; a control's size is its own.
      if (['heading', 'save', 'switch', 'show'].includes(part)) expect(h2, `${part} height`).toBe(h1);
    }

    // The portal's own elements keep the portal's styles: nothing of the console's leaked out.
    const portalText = await page.locator('.portal-text').evaluate((e) => {
      const s = getComputedStyle(e);
      return [s.fontSize, s.fontFamily, s.color, s.textTransform];
    });
    expect(portalText).toEqual(['30px', 'serif', 'rgb(255, 0, 0)', 'uppercase']);
    await expect(page.locator('.portal-button')).toBeHidden();

    // And it works: turning sync on reaches the backend.
    await turnOnAndApply(element);
    expect((await settingsOf(request)).enabled).toBe(true);
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
  });

  test('fires every event with its detail, and never the key', async ({ page, request }) => {
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    await expect.poll(() => heard(page)).toEqual([{ type: 'mdm-sync:ready', detail: {} }]);

    await element.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
    await expect.poll(() => heard(page)).toContainEqual({ type: 'mdm-sync:dirty-change', detail: { dirty: true } });
    await element.getByRole('checkbox', { name: 'Restrict login with other domain account' }).uncheck();
    await expect.poll(() => heard(page)).toContainEqual({ type: 'mdm-sync:dirty-change', detail: { dirty: false } });

    await page.evaluate(() => {
      window.heard = [];
    });
    await turnOnAndApply(element);
    const saved = await settingsOf(request);
    const events = await heard(page);
    expect(events.map((e) => e.type)).toEqual(['mdm-sync:dirty-change', 'mdm-sync:saved', 'mdm-sync:dirty-change']);
    expect(events[1].detail).toEqual({
      enabled: true,
      restrictOtherDomains: false,
      logoutDeadline: saved.logoutDeadline,
    });
    expect(Date.parse(saved.logoutDeadline)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(events)).not.toContain(saved.keyValue);

    await page.evaluate(() => {
      window.heard = [];
    });
    await fault(request, { method: 'PUT', path: '/v1/security/mobile/mdm-sync', status: 503 });
    await element.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
    await element.getByRole('button', { name: 'Save' }).click();
    await element.getByRole('dialog', { name: 'Apply these changes?' }).getByRole('button', { name: 'Apply' }).click();
    await expect(element.getByRole('alert')).toBeVisible();
    const message = await element.getByRole('alert').locator('.mdm-alert__body').textContent();
    await expect
      .poll(() => heard(page))
      .toContainEqual({ type: 'mdm-sync:error', detail: { code: 'unavailable', message } });
  });

  test('a failed load is an error event, and Retry recovers', async ({ page, request }) => {
    await fault(request, { method: 'GET', path: '/v1/security/mobile/mdm-sync', status: 500, times: 3 });
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('alert')).toBeVisible();
    await expect.poll(async () => (await heard(page)).map((e) => e.type)).toEqual(['mdm-sync:error']);
    expect((await heard(page))[0].detail.code).toBe('server_error');
    await element.getByRole('button', { name: 'Retry' }).click();
    await expect(element.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect.poll(async () => (await heard(page)).map((e) => e.type)).toEqual(['mdm-sync:error', 'mdm-sync:ready']);
  });

  test('a failed load of the Activity log is an error event too', async ({ page, request }) => {
    // The first load and its two automatic retries.
    await fault(request, { method: 'GET', path: '/v1/security/mobile/mdm-sync/audit', status: 503, times: 3 });
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const activity = page.locator('mdm-sync-settings').getByRole('region', { name: 'Activity' });
    await expect(activity.getByRole('button', { name: 'Retry' })).toBeVisible();
    const message = (await activity.locator('.mdm-card__text').textContent()).replace(/Retry$/, '').trim();
    await expect
      .poll(() => heard(page))
      .toContainEqual({ type: 'mdm-sync:error', detail: { code: 'unavailable', message } });
  });

  test('authHeaders reach the backend, set before the script loaded or as a function', async ({ page, request }) => {
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => {
      // Set on a plain element first: the property must survive the element's upgrade.
      customElements.whenDefined('mdm-sync-settings');
      const element = document.createElement('mdm-sync-settings');
      element.authHeaders = { Authorization: 'Bearer first-token', 'X-Portal-Tenant': 'nimbus' };
      document.getElementById('slot').append(element);
    });
    await expect.poll(async () => (await heard(page)).map((e) => e.type)).toContain('mdm-sync:ready');
    // The screen's own loads, then the second module's: the Activity log and the kit's apps.
    const api = async () => (await requestsOf(request)).filter((r) => r.path.startsWith('/api/'));
    await expect
      .poll(async () => (await api()).map((r) => r.path))
      .toEqual(
        expect.arrayContaining([
          '/api/v1/session',
          '/api/v1/security/mobile/mdm-sync',
          '/api/v1/security/mobile',
          '/api/v1/security/mobile/mdm-sync/audit',
          '/api/v1/security/mobile/mdm-sync/apps',
        ])
      );
    const first = await api();
    for (const logged of first) {
      expect(logged.headers.authorization, logged.path).toBe('Bearer first-token');
      expect(logged.headers['x-portal-tenant'], logged.path).toBe('nimbus');
    }

    // A function is asked before every request: a renewed token is used at once.
    await page.evaluate(() => {
      let renewals = 0;
      document.querySelector('mdm-sync-settings').authHeaders = () => ({
        Authorization: `Bearer renewed-${++renewals}`,
      });
    });
    const element = page.locator('mdm-sync-settings');
    await turnOnAndApply(element);
    const put = (await requestsOf(request)).find((r) => r.method === 'PUT');
    expect(put.headers.authorization).toMatch(/^Bearer renewed-\d+$/);
    expect(put.headers['x-csrf-token']).toBeTruthy();
    expect(put.headers['idempotency-key']).toBeTruthy();
  });

  test('a tampered wasm or stylesheet is refused, and the portal is told', async ({ page }) => {
    for (const pattern of ['**/*_bg.wasm', '**/mdm-sync-settings-*.css']) await corruptLastByte(page, pattern);
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    await expect.poll(async () => (await heard(page)).map((e) => e.type)).toEqual(['mdm-sync:error']);
    expect((await heard(page))[0].detail.code).toBe('start_failed');
    for (const file of [/mdm-sync-settings-\w+\.css/, /_bg\.wasm/]) {
      expect(
        errors.some((e) => /integrity/i.test(e) && file.test(e)),
        `${file} blocked:\n${errors.join('\n')}`
      ).toBe(true);
    }
    // The element says so where the screen would be, and offers to start again.
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('heading', { name: 'The console could not start' })).toBeVisible();
    await expect(element.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(element.getByRole('button', { name: 'Reload' })).toBeVisible();
  });

  test('removing the element leaves no listeners or timers; adding it again works', async ({ page, request }) => {
    await watchLeftovers(page);
    // A failed load with Retry-After keeps an automatic retry's timer waiting while the element is removed.
    await fault(request, {
      method: 'GET',
      path: '/v1/security/mobile/mdm-sync/audit',
      status: 503,
      headers: { 'Retry-After': '30' },
    });
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    const before = await leftovers(page);

    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('button', { name: 'Save' })).toBeVisible();
    await element.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
    const during = await leftovers(page);
    expect(during.listeners.length, 'the beforeunload guard is on while mounted').toBeGreaterThan(
      before.listeners.length
    );
    // The Activity log lives in the second module, which loads once the screen can be used: wait for its retry.
    await expect
      .poll(() => page.evaluate(() => window.__live.timers.size), { message: 'the retry of the Activity log waits' })
      .toBeGreaterThan(before.timers);

    await page.evaluate(() => document.querySelector('mdm-sync-settings').remove());
    const after = await leftovers(page);
    expect(after.listeners).toEqual(before.listeners);
    expect(after.timers).toBe(before.timers);

    // Added again: a fresh screen, which loads and saves.
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    await expect(element.getByRole('checkbox', { name: 'Restrict login with other domain account' })).not.toBeChecked();
    await turnOnAndApply(element);
    expect((await settingsOf(request)).enabled).toBe(true);
  });

  test('a request still on its way when the element is removed is cancelled, and not retried', async ({
    page,
    request,
  }) => {
    await watchLeftovers(page);
    // The Activity log's answer is slow: the portal removes the element while it is on its way, which cancels it.
    await fault(request, {
      method: 'GET',
      path: '/v1/security/mobile/mdm-sync/audit',
      times: 1,
      delayMs: 1500,
    });
    await page.goto(`${portalURL}/blank.html`);
    const before = await leftovers(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const inFlight = () => page.evaluate(() => [...window.__live.requests].map((r) => r.request));
    await expect.poll(inFlight).toContain('GET /api/v1/security/mobile/mdm-sync/audit');

    await page.evaluate(() => document.querySelector('mdm-sync-settings').remove());
    await expect.poll(inFlight, { timeout: 10_000 }).toEqual([]);
    // Look soon after the request ended: a retry waits at least 400 ms, and would be gone once it ran.
    await page.waitForTimeout(100);
    const after = await leftovers(page);
    expect(after.timers).toBe(before.timers);
    expect(after.listeners).toEqual(before.listeners);
  });

  test('two elements on one page work independently', async ({ page, request }) => {
    await page.goto(`${portalURL}/blank.html`);
    await page.evaluate(() => {
      for (const id of ['first', 'second']) {
        const element = document.createElement('mdm-sync-settings');
        element.id = id;
        document.getElementById('slot').append(element);
      }
    });
    const [first, second] = [page.locator('#first'), page.locator('#second')];
    await expect(first.getByRole('button', { name: 'Save' })).toBeVisible();
    await expect(second.getByRole('button', { name: 'Save' })).toBeVisible();
    await first.getByRole('checkbox', { name: 'Restrict login with other domain account' }).check();
    await expect(first.getByRole('button', { name: 'Save' })).toBeEnabled();
    await expect(second.getByRole('checkbox', { name: 'Restrict login with other domain account' })).not.toBeChecked();
    await expect(second.getByRole('button', { name: 'Save' })).toBeDisabled();

    // Each has its own dialog, and focus comes back to the control that opened it, in its own shadow root.
    const sync = second.getByRole('switch', { name: '3rd-party MDM sync' });
    await sync.focus();
    await page.keyboard.press('Space');
    const precautions = second.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' });
    await expect(precautions.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(first.getByRole('dialog')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(sync).toBeFocused();
    expect((await settingsOf(request)).restrictOtherDomains).toBe(false);
  });

  test('a change of locale waits for unsaved changes; theme applies at once', async ({ page }) => {
    await page.goto(`${portalURL}/blank.html`);
    await listen(page);
    await page.evaluate(() => document.getElementById('slot').append(document.createElement('mdm-sync-settings')));
    const element = page.locator('mdm-sync-settings');
    const restrict = element.getByRole('checkbox', { name: 'Restrict login with other domain account' });
    await restrict.check();
    await page.evaluate(() => document.querySelector('mdm-sync-settings').setAttribute('locale', 'en-GB'));
    await page.waitForTimeout(300);
    await expect(restrict, 'the draft survives').toBeChecked();
    await restrict.uncheck();
    await expect.poll(async () => (await heard(page)).filter((e) => e.type === 'mdm-sync:ready').length).toBe(2);

    const background = () =>
      element.evaluate((e) => getComputedStyle(e.shadowRoot.querySelector('.mdm-root')).backgroundColor);
    const light = await background();
    await page.evaluate(() => document.querySelector('mdm-sync-settings').setAttribute('theme', 'dark'));
    expect(await background()).not.toBe(light);
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
    await element.getByRole('switch', { name: '3rd-party MDM sync' }).click();
    await expect(element.getByRole('dialog', { name: 'Turn on 3rd-party MDM sync?' })).toBeVisible();
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
  });

  test('docs/embedding.md\'s "try it": a plain page with the snippet, served by the mock', async ({
    page,
    playwright,
  }) => {
    // A mock of its own serves the page (`--static`) and the build for /admin/mdm/ (`--mount`), as the docs say.
    const mock = await playwright.request.newContext({ baseURL: plainPortalURL });
    await reset(mock);
    await page.goto(`${plainPortalURL}/`);
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('heading', { level: 1, name: '3rd-party MDM sync' })).toBeVisible();
    await turnOnAndApply(element);
    expect((await settingsOf(mock)).enabled).toBe(true);
    await mock.dispose();
  });

  test('the snippet of docs/embedding.md works as pasted, under the CSP it documents', async ({ page, request }) => {
    const response = await page.goto(`${portalURL}/snippet/script-embed.html`);
    expect(response.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
    const element = page.locator('mdm-sync-settings');
    await expect(element.getByRole('heading', { level: 1, name: '3rd-party MDM sync' })).toBeVisible();
    await turnOnAndApply(element);
    expect((await settingsOf(request)).enabled).toBe(true);
    await expectNoAxeViolationsIn(page, 'mdm-sync-settings');
  });
});
